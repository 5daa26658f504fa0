package io.edgeroute.router.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one path normaliser: RFC 3986 §5.2.4 and the ambiguities it refuses. */
class RequestPathTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
      "/ /",
      "/a /a",
      "/a/ /a/",
      "/a/b/../c /a/c",
      "/a/./b /a/b",
      "/a/. /a/",
      "/a/.. /",
      "/a/b/.. /a/",
      "/a/%2e%2e/b /b",
      "/a/%2E%2e /",
      "/a/.%2e/b /b",
      "/%2e/a /a",
      "//a//b/ /a/b/",
      "/%61%62c /abc",
      "/a%2fb /a%2Fb",
      "/a%5cb /a%5Cb",
      "/a%20b /a%20b",
      "/%7e/%7E /~/~",
      "/a..b /a..b",
      "/...: /...:",
      "/a/.../b /a/.../b",
  })
  void normalises(String raw, String normalised) {
    assertEquals(normalised, RequestPath.normalise(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/..", "/../a", "/a/../..", "/a/../../b", "/%2e%2e", "/%2E%2E/a", "/.%2e", "/%2e.",
      "/a%2f..%2fb", "/a%2F..", "/..%2fa", "/a%5C..%5Cb", "/a%5c.", "/a\\b", "/a%00", "/a%0a", "/a%0D", "/a%7f", "/a%",
      "/a%2", "/a%g0", "/a%0g"})
  void refuses(String raw) {
    assertEquals(400, assertThrows(Refusal.class, () -> RequestPath.normalise(raw)).status());
  }
}
