package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4a, vector by vector: raw bytes to the real router, and both the visitor's answer and
 * exactly what a byte-recording origin received, either nothing or one normalised request. A
 * refused request must also close the connection. After each refused vector a control request
 * proves the origin was reachable and got only that.
 */
class HostileRequestsTest {

  /**
   * One vector.
   *
   * @param status     the visitor's answer
   * @param originLine the request line the origin must receive, or {@code null} for nothing at all
   * @param body       the body the origin must receive, or {@code null} for any
   * @param absent     header names (lowercase) the origin must not see
   */
  record Vector(String name, String raw, int status, String originLine, String body, List<String> absent) {

    @Override
    public String toString() {
      return name;
    }
  }

  private static Vertx vertx;
  private static RawOrigin origin;
  private static RouterHarness router;

  @BeforeAll
  static void deploy() {
    vertx = Vertx.vertx();
    origin = await(RawOrigin.start(vertx));
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
    int port = origin.port();
    router.putSite("a.test", new JsonObject()
        .put("origin", origin("http://a.internal", port).put("path", "/sites/a"))
        .put("routes", new JsonArray().add(new JsonObject().put("pathPrefix", "/api/").put("stripPrefix", true)
            .put("origin", origin("http://api.internal", port).put("path", "/api-backend")))));
    router.putSite("b.test", new JsonObject().put("origin", origin("http://b.internal", port).put("path", "/sites/b")));
    router.putSite("shop.test", new JsonObject().put("dispatch", new JsonObject()
        .put("table", "storefronts").put("idHeader", "X-Storefront-ID").put("noun", "Storefront")));
    router.putEntry("storefronts", "sfa", new JsonObject().put("origin", origin("http://sfa.internal", port).put("path", "/sfa-root")));
    router.putEntry("storefronts", "sfb", new JsonObject().put("origin", origin("http://sfb.internal", port).put("path", "/sfb-root")));
  }

  @AfterAll
  static void close() {
    await(router.close());
    await(vertx.close());
  }

  @BeforeEach
  void forget() {
    origin.clear();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void eachVectorIsRefusedOrForwardedNormalised(Vector vector) throws Exception {
    RawVisitor.Answer answer = RawVisitor.exchange(router.port, vector.raw());

    assertEquals(vector.status(), answer.status(), answer.head() + answer.body());
    if (vector.originLine() == null) {
      if (!vector.name().startsWith(KEPT_OPEN)) {
        assertTrue(answer.closed(), "a refused request ends its connection");
      }
      RawVisitor.Answer control = RawVisitor.exchange(router.port, "GET /control HTTP/1.1\r\nHost: b.test\r\n\r\n");
      assertEquals(200, control.status());
      assertEquals(1, origin.requests().size(), origin.allBytes());
      assertEquals("GET /sites/b/control HTTP/1.1", origin.requests().get(0).requestLine());
      if (!vector.name().startsWith(MID_BODY)) {
        assertTrue(origin.allBytes().startsWith("GET /sites/b/control HTTP/1.1\r\n"), origin.allBytes());
      }
      return;
    }
    List<RawOrigin.Received> received = origin.requests();
    assertEquals(1, received.size(), origin.allBytes());
    RawOrigin.Received request = received.get(0);
    assertEquals(vector.originLine(), request.requestLine());
    if (vector.body() != null) {
      assertEquals(vector.body(), request.body());
    }
    for (String name : vector.absent()) {
      assertEquals(List.of(), request.header(name), name + " in " + request.head());
    }
    assertTrue(request.header("content-length").size() + request.header("transfer-encoding").size() <= 1,
        "one framing header at most: " + request.head());
    assertEquals(List.of("127.0.0.1"), request.header("x-forwarded-for"), request.head());
    assertEquals(origin.allBytes().length(), request.head().length() + framedLength(request), "nothing more reached the origin");
  }

  /** @return how many bytes the body took on the wire */
  private static int framedLength(RawOrigin.Received request) {
    if (!request.header("transfer-encoding").isEmpty()) {
      String body = request.body();
      return body.isEmpty() ? 5 : Integer.toHexString(body.length()).length() + 2 + body.length() + 2 + 5;
    }
    return request.body().length();
  }

  private static final String A = "Host: a.test\r\n";
  /**
   * Names vectors whose head is sound and whose body breaks while it streams: the origin may see
   * the start of a request, on a connection the router then resets, but never a complete one.
   */
  private static final String MID_BODY = "mid-body: ";
  /**
   * Names vectors refused by routing, after the framing was found sound: answered 400 like any
   * routing error, on a connection that may stay open (as for a missing site).
   */
  private static final String KEPT_OPEN = "kept open: ";
  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: b.test\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n";

  static Stream<Vector> vectors() {
    List<Vector> v = new ArrayList<>();
    // Framing: Transfer-Encoding with Content-Length, in every spelling.
    String chunkedSmuggle = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
    v.add(refused("TE.CL on HTTP/1.0 (the desync reproducer)", "POST / HTTP/1.0\r\n" + A
        + "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n" + chunkedSmuggle, 400));
    v.add(refused("TE on HTTP/1.0", "POST / HTTP/1.0\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
    for (String te : List.of("chunked", "CHUNKED", "\tchunked", " chunked ", "chunked, identity", "identity, chunked")) {
      v.add(refused("CL.TE " + te.trim(), "POST / HTTP/1.1\r\n" + A + "Content-Length: 4\r\nTransfer-Encoding: " + te
          + "\r\n\r\n0\r\n\r\n" + SMUGGLED, 400));
      v.add(refused("TE.CL " + te.trim(), "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: " + te
          + "\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" + SMUGGLED, 400));
    }
    for (String te : List.of("chunked, identity", "identity, chunked", ",chunked", "chunked,", "chunked, chunked",
        "\"chunked\"", "chunked;q=1", "chunked\u000b", "chu nked")) {
      v.add(refused("TE " + te, "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", 400));
    }
    for (String te : List.of("xchunked", "gzip", "identity", "gzip, deflate", "chunkedx")) {
      v.add(refused("TE unknown " + te, "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", 501));
    }
    v.add(refused("TE twice", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE obs-folded", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: identity\r\n chunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE folded from empty", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE name with space", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE name with tab", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n", 400));
    // Content-Length malformed or repeated.
    for (String cl : List.of("1, 1", "+5", "0x5", " 5 5", "-1", "5.0", "", "1e1", "99999999999999999999", "５")) {
      v.add(refused("CL " + cl, "POST / HTTP/1.1\r\n" + A + "Content-Length: " + cl + "\r\n\r\nhello", 400));
    }
    v.add(refused("CL twice, same", "POST / HTTP/1.1\r\n" + A + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400));
    v.add(refused("CL twice, different", "POST / HTTP/1.1\r\n" + A + "Content-Length: 5\r\nContent-Length: 0\r\n\r\nhello", 400));
    // Chunk sizes.
    for (String size : List.of("10000000000000005", "fffffffffffffffff", "zz", "-5", "0x5", "5 5", " 5", "5\u000b", "")) {
      v.add(refused(MID_BODY + "chunk size [" + size + "]", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n" + size
          + "\r\nhello\r\n0\r\n\r\n", 400));
    }
    v.add(refused(MID_BODY + "chunk longer than its size", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n", 400));
    v.add(refused(MID_BODY + "chunk size line with bare LF", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n", 400));
    v.add(forwarded("chunk extensions are ignored", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n"
        + "0;last=\"yes\"\r\n\r\n", "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("Chunked in any case", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("Connection: Content-Length keeps the body", "POST / HTTP/1.1\r\n" + A
        + "Connection: Content-Length\r\nContent-Length: 5\r\n\r\nhello", "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("Connection: transfer-encoding keeps the body", "POST / HTTP/1.1\r\n" + A
        + "Connection: transfer-encoding\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("CL with leading zeros", "POST / HTTP/1.1\r\n" + A + "Content-Length: 005\r\n\r\nhello",
        "POST /sites/a/ HTTP/1.1", "hello"));
    // Header names.
    v.add(refused("empty header name", "GET / HTTP/1.1\r\n" + A + ": x\r\n\r\n", 400));
    v.add(refused("header name with space", "GET / HTTP/1.1\r\n" + A + "X Y: 1\r\n\r\n", 400));
    v.add(refused("header name with control", "GET / HTTP/1.1\r\n" + A + "X-\u0001: 1\r\n\r\n", 400));
    v.add(refused("header name non-ASCII", "GET / HTTP/1.1\r\n" + A + "X-\u00e9: 1\r\n\r\n", 400));
    v.add(refused("header line without colon", "GET / HTTP/1.1\r\n" + A + "X-Nothing\r\n\r\n", 400));
    v.add(refused("NUL in a header value", "GET / HTTP/1.1\r\n" + A + "X-A: a\u0000b\r\n\r\n", 400));
    v.add(refused("bare CR in a header value", "GET / HTTP/1.1\r\n" + A + "X-A: a\rb\r\n\r\n", 400));
    v.add(refused("bare LF line ends", "GET / HTTP/1.1\n" + A.replace("\r\n", "\n") + "\n", 400));
    v.add(refused("folded ordinary header", "GET / HTTP/1.1\r\n" + A + "X-A: a\r\n b\r\n\r\n", 400));
    v.add(refused("two Host headers", "GET / HTTP/1.1\r\n" + A + "Host: b.test\r\n\r\n", 400));
    v.add(new Vector("underscore names are dropped", "POST / HTTP/1.1\r\n" + A + "X_Forwarded_For: 6.6.6.6\r\n"
        + "X_Forwarded_Host: evil.test\r\nContent_Length: 99\r\nTransfer_Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello",
        200, "POST /sites/a/ HTTP/1.1", "hello", List.of("x_forwarded_for", "x_forwarded_host", "content_length", "transfer_encoding")));
    // Targets and versions.
    v.add(forwarded("absolute-form authority decides the host", "GET http://b.test/x HTTP/1.1\r\n" + A + "\r\n",
        "GET /sites/b/x HTTP/1.1", null));
    v.add(forwarded("absolute-form in any case, without path", "GET HTTP://b.test?q=1 HTTP/1.1\r\n" + A + "\r\n",
        "GET /sites/b/?q=1 HTTP/1.1", null));
    v.add(forwarded("absolute-form normalised too", "GET http://b.test/x/../y HTTP/1.1\r\n\r\n", "GET /sites/b/y HTTP/1.1", null));
    v.add(refused("userinfo", "GET http://user:pw@b.test/x HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("userinfo hiding the host", "GET http://a.test@b.test/x HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("absolute-form without host", "GET http:///x HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("other scheme", "GET ftp://b.test/x HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("CONNECT", "CONNECT b.test:443 HTTP/1.1\r\nHost: b.test:443\r\n\r\n", 400));
    v.add(refused("CONNECT origin-form", "CONNECT / HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("OPTIONS *", "OPTIONS * HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("target without slash", "GET x HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("target query only", "GET ?a=1 HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("target with fragment", "GET /x#frag HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("target with non-ASCII", "GET /\u00e9 HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("two spaces in the request line", "GET  / HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("tab in the request line", "GET\t/ HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("no version (HTTP/0.9)", "GET /\r\n" + A + "\r\n", 400));
    v.add(refused("no Host on HTTP/1.1", "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", 400));
    v.add(refused("Host folded", "GET / HTTP/1.1\r\nHost:\r\n a.test\r\n\r\n", 400));
    v.add(refused("Host with a space in the name", "GET / HTTP/1.1\r\nHost : a.test\r\n\r\n", 400));
    v.add(refused("lowercase version", "GET / http/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("version with junk", "GET / HTTP/1.1x\r\n" + A + "\r\n", 400));
    v.add(refused("method with a slash", "GE/T / HTTP/1.1\r\n" + A + "\r\n", 400));
    for (String version : List.of("HTTP/2.0", "HTTP/9.9", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0")) {
      v.add(refused("version " + version, "GET / " + version + "\r\n" + A + "\r\n", 505));
    }
    // Paths: dot segments, also percent-encoded, never leave the site's origin.path, route or entry.
    for (String path : List.of("/../b/secret", "/%2e%2e/b/secret", "/%2E%2E/b/secret", "/.%2e/b", "/%2e./b", "/x/../../b",
        "/..", "/x/%2e%2e/%2e%2e/b", "/..;/b/secret".replace(";", "/..") , "/a%2F..%2F..%2Fb", "/a%2f..%2fb", "/a%5C..%5Cb",
        "/..%2Fb", "/a\\..\\b", "/a\\b", "/a%00b", "/a%0d%0ab", "/a%zz", "/a%", "/a%2")) {
      v.add(refused("path " + path, "GET " + path + " HTTP/1.1\r\n" + A + "\r\n", 400));
    }
    v.add(forwarded("dot segments removed", "GET /x/../y HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/y HTTP/1.1", null));
    v.add(forwarded("encoded dot segments removed", "GET /x/%2e%2E/y/. HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/y/ HTTP/1.1", null));
    v.add(forwarded("slashes merged", "GET //y//z HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/y/z HTTP/1.1", null));
    v.add(forwarded("query kept as sent", "GET /x/../y?q=/../z HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/y?q=/../z HTTP/1.1", null));
    v.add(forwarded("encoded slash forwarded as data", "GET /a%2fb HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/a%2Fb HTTP/1.1", null));
    v.add(forwarded("encoded unreserved decoded before routing", "GET /%61pi/x HTTP/1.1\r\n" + A + "\r\n",
        "GET /api-backend/x HTTP/1.1", null));
    v.add(forwarded("route prefix cannot be climbed out of", "GET /api/../admin/secret HTTP/1.1\r\n" + A + "\r\n",
        "GET /sites/a/admin/secret HTTP/1.1", null));
    v.add(forwarded("route prefix after normalising", "GET /x/../api/users HTTP/1.1\r\n" + A + "\r\n",
        "GET /api-backend/users HTTP/1.1", null));
    v.add(forwarded("dispatch id after normalising", "GET /sfa/../sfb/cart HTTP/1.1\r\nHost: shop.test\r\n\r\n",
        "GET /sfb-root/cart HTTP/1.1", null));
    v.add(forwarded("dispatch id with encoded dots", "GET /sfa/%2e%2e/sfb/cart HTTP/1.1\r\nHost: shop.test\r\n\r\n",
        "GET /sfb-root/cart HTTP/1.1", null));
    // Variants a hostile suite tries next.
    v.add(forwarded("TE without space", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding:chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("TE with trailing space", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked \r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(refused("TE twice, different case", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\ntransfer-encoding: x\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE with NUL", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\u0000\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE with form feed", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: \fchunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("TE name with NUL", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding\u0000: chunked\r\n\r\n0\r\n\r\n", 400));
    v.add(refused("CL name with space", "POST / HTTP/1.1\r\n" + A + "Content-Length : 5\r\n\r\nhello", 400));
    v.add(refused("CL name non-ASCII", "POST / HTTP/1.1\r\n" + A + "Cont\u00e9nt-Length: 5\r\n\r\nhello", 400));
    v.add(forwarded("CL with spaces around", "POST / HTTP/1.1\r\n" + A + "Content-Length:  5 \r\n\r\nhello",
        "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("CL on HTTP/1.0", "POST / HTTP/1.0\r\n" + A + "Content-Length: 5\r\n\r\nhello", "POST /sites/a/ HTTP/1.1", "hello"));
    v.add(forwarded("empty chunked body with trailer", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n"
        + "0\r\nX-Trailer: 1\r\n\r\n", "POST /sites/a/ HTTP/1.1", ""));
    v.add(refused(MID_BODY + "trailer name with space", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n"
        + "0\r\nX Trailer: 1\r\n\r\n", 400));
    v.add(refused(MID_BODY + "trailer folded", "POST / HTTP/1.1\r\n" + A + "Transfer-Encoding: chunked\r\n\r\n"
        + "0\r\nX-T: 1\r\n 2\r\n\r\n", 400));
    v.add(forwarded("empty lines before the request line", "\r\n\r\nGET /y HTTP/1.1\r\n" + A + "\r\n", "GET /sites/a/y HTTP/1.1", null));
    v.add(refused("space before the request line", " GET / HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(refused("trailing space after the version", "GET / HTTP/1.1 \r\n" + A + "\r\n", 400));
    v.add(refused("lowercase method", "get / HTTP/1.1\r\n" + A + "\r\n", 400));
    v.add(forwarded("absolute-form with a port", "GET http://b.test:80/x HTTP/1.1\r\n" + A + "\r\n", "GET /sites/b/x HTTP/1.1", null));
    v.add(refused(KEPT_OPEN + "Host with userinfo", "GET / HTTP/1.1\r\nHost: user@a.test\r\n\r\n", 400));
    v.add(refused(KEPT_OPEN + "Host with a path", "GET / HTTP/1.1\r\nHost: a.test/x\r\n\r\n", 400));
    v.add(forwarded("double-encoded dots stay data", "GET /%252e%252e/b HTTP/1.1\r\n" + A + "\r\n",
        "GET /sites/a/%252e%252e/b HTTP/1.1", null));
    v.add(new Vector("h2c upgrade is not passed on", "GET /h HTTP/1.1\r\n" + A + "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"
        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n", 200, "GET /sites/a/h HTTP/1.1", "", List.of("upgrade", "http2-settings")));
    v.add(refused("Expect with ambiguous framing", "POST / HTTP/1.1\r\n" + A + "Expect: 100-continue\r\nContent-Length: 5\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n", 400));
    v.add(refused("header larger than the decoder takes", "GET / HTTP/1.1\r\n" + A + "X-Big: " + "x".repeat(10_000) + "\r\n\r\n", 431));
    v.add(refused("head larger than the gate takes", "GET / HTTP/1.1\r\n" + A + "X-Big: " + "x".repeat(20_000) + "\r\n\r\n", 431));
    return v.stream();
  }

  private static Vector refused(String name, String raw, int status) {
    return new Vector(name, raw, status, null, null, List.of());
  }

  private static Vector forwarded(String name, String raw, String originLine, String body) {
    return new Vector(name, raw, 200, originLine, body, List.of());
  }
}
