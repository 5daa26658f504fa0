package io.edgeroute.cache.response;

import io.edgeroute.shared.http.HeaderFields;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredFieldsTest {

  /** Repeated names, mixed case, an empty value, and a value with obs-text (ISO-8859-1 bytes above 0x7F). */
  private static final String[] FIELDS = {
      "Content-Type", "text/html", "set-cookie", "a=1", "ETag", "\"v1\"", "Set-Cookie", "b=2",
      "X-Empty", "", "Link", "</a>; rel=preload", "X-Latin", "caf\u00e9 \u00ff", "LINK", "</b>; rel=preload"};

  private static final List<String> ASKED = List.of("content-type", "Set-Cookie", "SET-COOKIE", "etag", "x-empty",
      "link", "X-Latin", "absent", "Content-Typ", "Content-Type-", "");

  @Test
  void readsAnswerAsVertxsOwnMapDoes() {
    MultiMap vertx = Requests.headers(FIELDS);
    StoredFields stored = StoredFields.of(vertx);
    for (String name : ASKED) {
      assertEquals(vertx.get(name), stored.get(name), name);
      assertEquals(vertx.get((CharSequence) name), stored.get(new AsciiString(name)), name);
      assertEquals(vertx.getAll(name), stored.getAll(name), name);
      assertEquals(vertx.contains(name), stored.contains(name), name);
      assertEquals(vertx.contains(name), stored.contains(new AsciiString(name)), name);
    }
    assertEquals(vertx.names(), stored.names());
    assertEquals(vertx.size(), stored.size());
    assertEquals(entries(vertx), entries(stored));
    assertFalse(stored.isEmpty());
    assertTrue(StoredFields.of(MultiMap.caseInsensitiveMultiMap()).isEmpty());
  }

  @Test
  void aHitHandsTheVisitorsResponseAsciiStringsInOrder() {
    StoredFields stored = CachedResponse.storedHeaders(Requests.headers(FIELDS), 3);
    MultiMap out = HeadersMultiMap.httpHeaders();
    new ServedResponse(200, stored, "5", "edgeroute; hit", Buffer.buffer("abc"), null).copyHeadersTo(out);

    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = HeaderFields.of(out); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> field = it.next();
      names.add(field.getKey().toString());
      if (!names.get(names.size() - 1).equals("Age") && !names.get(names.size() - 1).equals("Cache-Status")) {
        // The stored AsciiStrings themselves: their hash is computed once, their bytes copied as they are.
        assertInstanceOf(AsciiString.class, field.getKey(), field.getKey().toString());
        assertInstanceOf(AsciiString.class, field.getValue(), field.getKey().toString());
      }
    }
    assertEquals(List.of("Content-Type", "set-cookie", "ETag", "Set-Cookie", "X-Empty", "Link", "X-Latin", "LINK",
        "Content-Length", "Age", "Cache-Status"), names);
    assertEquals("3", out.get("Content-Length"));
    assertEquals(List.of("a=1", "b=2"), out.getAll("set-cookie"));
  }

  @Test
  void obsTextGoesOutAsTheBytesReceived() {
    StoredFields stored = StoredFields.of(Requests.headers("X-Latin", "caf\u00e9 \u00ff"));
    HeadersMultiMap out = HeadersMultiMap.httpHeaders();
    stored.copyTo(out);
    ByteBuf wire = Unpooled.buffer();
    out.encode(wire, false);
    byte[] expected = "X-Latin: caf\u00e9 \u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] sent = new byte[wire.readableBytes()];
    wire.readBytes(sent);
    assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(sent, StandardCharsets.ISO_8859_1));
    assertEquals("caf\u00e9 \u00ff", stored.get("x-latin"));
  }

  @Test
  void isReadOnlyAndCopiesIntoAMutableMap() {
    StoredFields stored = StoredFields.of(Requests.headers(FIELDS));
    assertFalse(stored.isMutable());
    assertSame(stored, stored.copy(false));
    assertSame(stored, StoredFields.of(stored));
    assertThrows(UnsupportedOperationException.class, () -> stored.add("Age", "1"));
    assertThrows(UnsupportedOperationException.class, () -> stored.set((CharSequence) "Age", "1"));
    assertThrows(UnsupportedOperationException.class, () -> stored.remove("ETag"));
    assertThrows(UnsupportedOperationException.class, stored::clear);
    assertThrows(UnsupportedOperationException.class, () -> stored.addAll(MultiMap.caseInsensitiveMultiMap()));
    assertThrows(UnsupportedOperationException.class, () -> stored.setAll(Map.of("a", "b")));

    MultiMap copy = stored.copy(true);
    assertTrue(copy.isMutable());
    copy.set("ETag", "\"v2\"").remove("Link");
    assertEquals("\"v2\"", copy.get("ETag"));
    assertFalse(copy.contains("link"));
    assertEquals("\"v1\"", stored.get("ETag"));
    assertEquals(List.of("</a>; rel=preload", "</b>; rel=preload"), stored.getAll("link"));
  }

  @Test
  void weightCountsEveryCharacterAndEachField() {
    StoredFields stored = StoredFields.of(Requests.headers("A", "12", "Bc", "", "A", "345"));
    assertEquals(1 + 2 + 2 + 0 + 1 + 3 + 3 * 10, stored.weight(10));
    assertNull(stored.get("b"));
  }

  private static List<String> entries(MultiMap fields) {
    List<String> all = new ArrayList<>();
    fields.forEach((name, value) -> all.add(name + ": " + value));
    return all;
  }
}
