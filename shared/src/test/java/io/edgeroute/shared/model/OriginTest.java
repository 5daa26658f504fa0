package io.edgeroute.shared.model;

import io.edgeroute.shared.host.HostPort;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginTest {

  @Test
  void defaultsThePortFromTheScheme() {
    Origin https = Origin.of("https://static.example.me");
    assertEquals("https", https.scheme());
    assertTrue(https.isTls());
    assertEquals(443, https.port());
    Origin http = Origin.of("HTTP://Blue.Internal");
    assertEquals("http", http.scheme());
    assertEquals("blue.internal", http.host());
    assertEquals(80, http.port());
    assertFalse(http.isTls());
  }

  @Test
  void keepsAnExplicitPortInTheAuthority() {
    OriginUrl target = Origin.of("http://api.internal:8081").target();
    assertEquals(new OriginUrl("http", "api.internal", 8081), target);
    assertEquals("api.internal:8081", target.authority());
    assertEquals("a.example", Origin.of("https://a.example:443").target().authority());
  }

  @Test
  void isParsedOnceWhenMadeSoThatARequestParsesNothing() {
    Origin origin = new Origin("http://API.Internal:8081", null, null, null);
    assertSame(origin.target(), origin.target());
    assertSame(origin.authority(), origin.authority());
    assertSame(origin.dialAddress(), origin.dialAddress());
    assertEquals("api.internal:8081", origin.authority());
    assertEquals(new HostPort("api.internal", 8081), origin.dialAddress());
  }

  @Test
  void isEqualWhenWhatWasWrittenIsEqual() {
    Origin a = new Origin("https://a.example", "/p", "10.0.0.5:8443", HostHeader.CLIENT);
    assertEquals(a, new Origin("https://a.example", "/p", "10.0.0.5:8443", HostHeader.CLIENT));
    assertEquals(a.hashCode(), new Origin("https://a.example", "/p", "10.0.0.5:8443", HostHeader.CLIENT).hashCode());
    assertNotEquals(a, new Origin("https://a.example", "/p", "10.0.0.6:8443", HostHeader.CLIENT));
    assertNotEquals(a, new Origin("https://a.example", "/q", "10.0.0.5:8443", HostHeader.CLIENT));
    assertNotEquals(a, new Origin("https://a.example", "/p", "10.0.0.5:8443", null));
    // Written differently, parsed the same: kept apart, since a document reads back as written.
    assertNotEquals(Origin.of("https://a.example"), Origin.of("https://A.example:443"));
  }

  @Test
  void acceptsIpv6Literals() {
    Origin origin = Origin.of("http://[::1]:8080");
    assertEquals("[::1]", origin.host());
    assertEquals(8080, origin.port());
    assertEquals(new HostPort("[::1]", 8080), origin.dialAddress());
  }

  @Test
  void dialsConnectToButKeepsTheUrlHost() {
    Origin origin = new Origin("https://www.example.com", null, "10.0.0.5:8443", HostHeader.CLIENT);
    assertEquals(new HostPort("10.0.0.5", 8443), origin.dialAddress());
    assertEquals("www.example.com", origin.host());
    assertEquals(HostHeader.CLIENT, origin.effectiveHostHeader());
  }

  @Test
  void replacesTheHostPlaceholderInThePath() {
    Origin origin = new Origin("https://static.example.me", "/sites/{host}", null, null);
    assertEquals("/sites/myblog.com", origin.pathFor("myblog.com"));
    assertEquals("", Origin.of("https://static.example.me").pathFor("myblog.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://a.example", "a.example", "https://", "https://a.example/", "https://a.example/x",
      "https://a.example?x=1", "https://a.example#top", "https://user@a.example", "https://a.example:0",
      "https://a.example:x", "https://::1", "https://a..example"})
  void refusesUrlsThatAreNotSchemeHostPort(String url) {
    assertThrows(IllegalArgumentException.class, () -> Origin.of(url));
  }

  @Test
  void roundTripsEveryField() {
    Origin full = new Origin("https://a.example", "/p", "a.internal:8443", HostHeader.CLIENT);
    assertEquals(full, Origin.fromJson(full.toJson()));
    assertEquals("client", full.toJson().getString("hostHeader"));
    Origin bare = Origin.of("http://a.example");
    assertEquals(new JsonObject().put("url", "http://a.example"), bare.toJson());
    assertEquals(bare, Origin.fromJson(bare.toJson()));
  }

  @Test
  void refusesAnUnknownHostHeaderMode() {
    JsonObject json = new JsonObject().put("url", "http://a.example").put("hostHeader", "upstream");
    assertThrows(IllegalArgumentException.class, () -> Origin.fromJson(json));
  }
}
