package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9110 §7.6.1: what a proxy removes from every message it forwards. */
class HopByHopHeadersTest {

  @Test
  void connectionSpecificFieldsGoWhateverTheirCaseAndEveryProxyField() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "text/html")
        .add("connection", "keep-alive")
        .add("KEEP-ALIVE", "timeout=5")
        .add("TE", "trailers")
        .add("Trailer", "Expires")
        .add("Transfer-Encoding", "chunked")
        .add("Upgrade", "h2c")
        .add("Proxy-Authorization", "Basic eA==")
        .add("Proxy-Authenticate", "Basic")
        .add("proxy-connection", "keep-alive")
        .add("Proxy-Anything", "x")
        .add("X-Proxy-Id", "kept: the prefix is proxy-, not anywhere in the name")
        .add("Cache-Control", "max-age=60");
    HopByHopHeaders.strip(headers, false);
    assertEquals(List.of("Content-Type", "X-Proxy-Id", "Cache-Control"),
        headers.entries().stream().map(e -> e.getKey()).toList());
  }

  @Test
  void fieldsNamedInConnectionGoToo() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "close, X-Secret ,,x-other")
        .add("Connection", "X-Third")
        .add("x-secret", "1")
        .add("X-Other", "2")
        .add("X-Third", "3")
        .add("X-Kept", "4");
    HopByHopHeaders.strip(headers, false);
    assertEquals(List.of("X-Kept"), headers.entries().stream().map(e -> e.getKey()).toList());
  }

  @Test
  void aMessageWithoutHopByHopFieldsIsLeftAlone() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Length", "5").add("ETag", "\"a\"")
        .add("Set-Cookie", "a=1").add("Set-Cookie", "b=2");
    HopByHopHeaders.strip(headers, false);
    assertEquals(4, headers.entries().size());
    assertEquals(List.of("a=1", "b=2"), headers.getAll("set-cookie"));
  }

  @Test
  void aWebSocketUpgradeKeepsItsUpgradeAndConnectionPair() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "keep-alive, Upgrade, X-Hop")
        .add("Upgrade", "websocket")
        .add("X-Hop", "gone")
        .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    HopByHopHeaders.strip(headers, true);
    assertEquals("websocket", headers.get("Upgrade"));
    assertEquals("Upgrade", headers.get("Connection"));
    assertFalse(headers.contains("X-Hop"));
    assertTrue(headers.contains("Sec-WebSocket-Key"));
  }

  @Test
  void fieldsHeldAsAsciiStringsAsAStoredResponsesAreStrippedAlike() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String[] field : new String[][] {{"Content-Type", "text/html"}, {"CONNECTION", "X-Named"},
        {"x-named", "1"}, {"Proxy-Status", "edge"}, {"Keep-Alive", "timeout=5"}, {"X-Kept", "2"}}) {
      headers.add(new io.netty.util.AsciiString(field[0]), new io.netty.util.AsciiString(field[1]));
    }
    HopByHopHeaders.strip(headers, false);
    assertEquals(List.of("Content-Type", "X-Kept"), headers.entries().stream().map(e -> e.getKey()).toList());
  }

  @Test
  void onlyTheListedNamesAreAlwaysHopByHop() {
    for (String name : List.of("Connection", "keep-alive", "te", "TRAILER", "Transfer-Encoding", "upgrade",
        "Proxy-Authorization", "proxy-authenticate", "Proxy-Connection", "proxy-")) {
      assertTrue(HopByHopHeaders.isHopByHop(name), name);
    }
    for (String name : List.of("Trailers", "T", "tee", "Content-Length", "X-Proxy", "Upgrade-Insecure-Requests",
        "Keep-Alive2", "proxy", "Connections")) {
      assertFalse(HopByHopHeaders.isHopByHop(name), name);
    }
  }
}
