package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacker and victim on separate visitor connections sharing one pooled origin connection
 * ({@code maxConnectionsPerOrigin: 1}): whatever the attacker sends, the victim's request reaches
 * the origin alone and untouched, and the victim gets its own answer. And from the origin's side:
 * interim answers handled per SPEC §4a, a response with lying framing never poisons the pool.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class DesyncAndOriginFramingTest {

  private static final String VICTIM = "GET /victim HTTP/1.1\r\nHost: a.test\r\nCookie: session=victim-secret\r\n\r\n";
  private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: b.test\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n";

  private RawOrigin origin;
  private RouterHarness router;

  private void deploy(Vertx vertx, Function<RawOrigin.Received, String> answer) {
    origin = await(RawOrigin.start(vertx, answer));
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("maxConnectionsPerOrigin", 1));
    router.putSite("a.test", new JsonObject().put("origin", origin("http://a.internal", origin.port()).put("path", "/sites/a")));
    router.putSite("b.test", new JsonObject().put("origin", origin("http://a.internal", origin.port()).put("path", "/sites/b")));
  }

  @AfterEach
  void close() {
    if (router != null) {
      await(router.close());
    }
  }

  @Test
  void aSmuggledRequestNeverCapturesTheNextVisitor(Vertx vertx) throws Exception {
    deploy(vertx, r -> RawOrigin.ok("saw " + r.requestLine()));
    String chunked = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
    List<String> attacks = List.of(
        "POST /x HTTP/1.0\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n" + chunked,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + chunked,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: xchunked\r\nContent-Length: 4\r\n\r\n" + chunked,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nContent-Length: 0\r\nContent-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n" + SMUGGLED,
        "POST /x HTTP/1.1\r\nHost: a.test\r\nConnection: Content-Length\r\nContent-Length: " + SMUGGLED.length()
            + "\r\n\r\n" + SMUGGLED);
    for (String attack : attacks) {
      origin.clear();
      try (RawVisitor attacker = new RawVisitor(router.port); RawVisitor victim = new RawVisitor(router.port)) {
        attacker.send(attack);
        RawVisitor.Answer attacked = attacker.read();
        victim.send(VICTIM);
        RawVisitor.Answer answer = victim.read();

        assertEquals("saw GET /sites/a/victim HTTP/1.1", answer.body(), attack);
        assertEquals(200, answer.status());
        for (RawOrigin.Received received : origin.requests()) {
          assertFalse(received.requestLine().contains("/smuggled"), origin.allBytes());
          assertFalse(received.head().contains("6.6.6.6"), origin.allBytes());
        }
        RawOrigin.Received last = origin.requests().get(origin.requests().size() - 1);
        assertEquals("GET /sites/a/victim HTTP/1.1", last.requestLine());
        assertEquals(List.of("session=victim-secret"), last.header("cookie"));
        assertEquals(List.of("127.0.0.1"), last.header("x-forwarded-for"));
        assertTrue(last.body().isEmpty());
        if (attacked.status() == 200) {
          // Only the one sound reading of a request may pass: its whole body goes as body.
          assertEquals(SMUGGLED, origin.requests().get(0).body());
        } else {
          assertTrue(attacked.status() == 400 || attacked.status() == 501, attacked.head());
        }
      }
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderUntilTheFirstRefusedOne(Vertx vertx) throws Exception {
    deploy(vertx, r -> RawOrigin.ok("saw " + r.requestLine()));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("POST /first HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\n\r\nhello"
          + "GET /second HTTP/1.1\r\nHost: a.test\r\n\r\n"
          + "POST /third HTTP/1.1\r\nHost: a.test\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
          + SMUGGLED);
      assertEquals("saw POST /sites/a/first HTTP/1.1", visitor.read().body());
      assertEquals("saw GET /sites/a/second HTTP/1.1", visitor.read().body());
      RawVisitor.Answer refused = visitor.read();
      assertEquals(400, refused.status());
      assertTrue(refused.closed());
    }
    assertEquals(List.of("POST /sites/a/first HTTP/1.1", "GET /sites/a/second HTTP/1.1"),
        origin.requests().stream().map(RawOrigin.Received::requestLine).toList());
    assertEquals("hello", origin.requests().get(0).body());
  }

  @Test
  void pipelinedHeadsArrivingInPiecesReachTheOriginAsSentOrAsRewritten(Vertx vertx) throws Exception {
    deploy(vertx, r -> RawOrigin.ok("saw " + r.requestLine()));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /one HTTP/1.1\r\nHost: a.te");
      visitor.send("st\r\nX_Dropped: 1\r\nX-Kept: one\r\n\r\nGET /two HTTP/1.1\r\nHost: a.test\r\nX-Kept: two\r\n\r\nGET /thr");
      visitor.send("ee HTTP/1.1\r\nHost: a.test\r\nX-Kept:   three  \r\n\r\n");
      assertEquals("saw GET /sites/a/one HTTP/1.1", visitor.read().body());
      assertEquals("saw GET /sites/a/two HTTP/1.1", visitor.read().body());
      assertEquals("saw GET /sites/a/three HTTP/1.1", visitor.read().body());
    }
    List<RawOrigin.Received> received = origin.requests();
    assertEquals(List.of("GET /sites/a/one HTTP/1.1", "GET /sites/a/two HTTP/1.1", "GET /sites/a/three HTTP/1.1"),
        received.stream().map(RawOrigin.Received::requestLine).toList());
    assertEquals(List.of(List.of("one"), List.of("two"), List.of("three")),
        received.stream().map(r -> r.header("x-kept")).toList());
    assertTrue(received.get(0).header("x_dropped").isEmpty(), received.get(0).head());
  }

  @Test
  void aRefusedUpgradeLeavesTheConnectionChecked(Vertx vertx) throws Exception {
    deploy(vertx, r -> RawOrigin.ok("saw " + r.requestLine()));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /ws HTTP/1.1\r\nHost: a.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
      RawVisitor.Answer refusedUpgrade = visitor.read();
      assertEquals(200, refusedUpgrade.status());
      if (!refusedUpgrade.closed()) {
        // Still HTTP: what follows is checked like any request.
        visitor.send("POST /x HTTP/1.1\r\nHost: a.test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + SMUGGLED);
        RawVisitor.Answer answer = visitor.read();
        assertTrue(answer.status() == 400 || answer.status() == -1, answer.head());
      }
    }
    for (RawOrigin.Received received : origin.requests()) {
      assertFalse(received.requestLine().contains("/smuggled"), origin.allBytes());
      assertFalse(received.requestLine().startsWith("POST"), origin.allBytes());
    }
  }

  @Test
  void aResponseLongerThanItsContentLengthNeverReachesAnotherVisitor(Vertx vertx) throws Exception {
    deploy(vertx, r -> r.requestLine().contains("/liar")
        ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nforged"
        : r.requestLine().contains("/garbage")
        ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokXYZ"
        : RawOrigin.ok("saw " + r.requestLine()));
    for (String liar : List.of("/liar", "/garbage")) {
      RawVisitor.Answer lied = RawVisitor.exchange(router.port, "GET " + liar + " HTTP/1.1\r\nHost: a.test\r\n\r\n");
      assertEquals("ok", lied.body());
      for (int i = 0; i < 5; i++) {
        RawVisitor.Answer next = RawVisitor.exchange(router.port, "GET /next" + i + " HTTP/1.1\r\nHost: b.test\r\n\r\n");
        assertEquals(200, next.status(), next.head() + next.body());
        assertEquals("saw GET /sites/b/next" + i + " HTTP/1.1", next.body());
      }
    }
  }

  @Test
  void theOriginsReasonPhraseIsRelayedAsItWasSent(Vertx vertx) throws Exception {
    deploy(vertx, r -> switch (r.requestLine().split(" ")[1]) {
      case "/sites/a/own" -> "HTTP/1.1 200 Fine Thanks\r\nContent-Length: 2\r\n\r\nok";
      case "/sites/a/none" -> "HTTP/1.1 404 \r\nContent-Length: 2\r\n\r\nno";
      case "/sites/a/odd" -> "HTTP/1.1 299 Whatever\r\nContent-Length: 2\r\n\r\nok";
      default -> "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno";
    });
    assertEquals("HTTP/1.1 200 Fine Thanks", statusLine("/own"));
    assertEquals("HTTP/1.1 404 Not Found", statusLine("/standard"));
    assertEquals("HTTP/1.1 299 Whatever", statusLine("/odd"));
    // An empty phrase is allowed (RFC 9112 §4) and stays empty.
    assertEquals("HTTP/1.1 404 ", statusLine("/none"));
  }

  private String statusLine(String path) throws Exception {
    String head = RawVisitor.exchange(router.port, "GET " + path + " HTTP/1.1\r\nHost: a.test\r\n\r\n").head();
    return head.substring(0, head.indexOf("\r\n"));
  }

  @Test
  void processingIsConsumedAndEarlyHintsArePassedOn(Vertx vertx) throws Exception {
    deploy(vertx, r -> "HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n"
        + "HTTP/1.1 102 Processing\r\n\r\n" + RawOrigin.ok("final"));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /slow HTTP/1.1\r\nHost: a.test\r\n\r\n");
      RawVisitor.Answer answer = visitor.read();

      assertEquals(200, answer.status());
      assertEquals("final", answer.body());
      assertEquals(1, visitor.interims.size(), String.valueOf(visitor.interims));
      assertTrue(visitor.interims.get(0).startsWith("HTTP/1.1 103"), visitor.interims.get(0));
      assertTrue(visitor.interims.get(0).toLowerCase().contains("link: </app.css>; rel=preload"), visitor.interims.get(0));
    }
    // The connection is still in step: the next request gets its own answer.
    assertEquals("final", RawVisitor.exchange(router.port, "GET /again HTTP/1.1\r\nHost: a.test\r\n\r\n").body());
    assertEquals(2, origin.requests().size());
  }

  @Test
  void onACacheMissEarlyHintsReachTheVisitorAndAreNeitherStoredNorReplayed(Vertx vertx) throws Exception {
    origin = await(RawOrigin.start(vertx, r -> "HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n"
        + "X-Hint-Only: yes\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 5\r\n\r\ncache"));
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject(),
        new ResponseCache(vertx, new ResponseCacheOptions(), System::currentTimeMillis));
    router.putSite("a.test", new JsonObject().put("origin", origin("http://a.internal", origin.port()))
        .put("cache", new JsonObject().put("enabled", true)));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /hinted HTTP/1.1\r\nHost: a.test\r\n\r\n");
      RawVisitor.Answer miss = visitor.read();

      assertEquals(200, miss.status());
      assertEquals("cache", miss.body());
      assertEquals(1, visitor.interims.size(), String.valueOf(visitor.interims));
      assertTrue(visitor.interims.get(0).startsWith("HTTP/1.1 103"), visitor.interims.get(0));
      assertTrue(visitor.interims.get(0).toLowerCase().contains("link: </app.css>; rel=preload"), visitor.interims.get(0));
      assertFalse(miss.head().toLowerCase().contains("x-hint-only"), miss.head());
    }
    try (RawVisitor again = new RawVisitor(router.port)) {
      again.send("GET /hinted HTTP/1.1\r\nHost: a.test\r\n\r\n");
      RawVisitor.Answer hit = again.read();

      assertEquals("cache", hit.body());
      assertTrue(again.interims.isEmpty(), String.valueOf(again.interims));
      assertFalse(hit.head().toLowerCase().contains("x-hint-only"), hit.head());
      assertFalse(hit.head().toLowerCase().contains("link:"), hit.head());
    }
    assertEquals(1, origin.requests().size());
  }

  @Test
  void aCacheableAnswerWithAFieldNoVisitorMayGetIs502AndNeverStored(Vertx vertx) throws Exception {
    List<String> fields = List.of("X-Odd: a\u0001b", "X-Odd: a\u0000b", "X-Odd: a\u007fb", "X-Odd: a\u000bb",
        "X-Odd: a\u000cb", "X\u00e9: 1", "X{: 1");
    String[] field = {null};
    origin = await(RawOrigin.start(vertx, r -> "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\n" + field[0]
        + "\r\nContent-Length: 5\r\n\r\ncache"));
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject(),
        new ResponseCache(vertx, new ResponseCacheOptions(), System::currentTimeMillis));
    router.putSite("a.test", new JsonObject().put("origin", origin("http://a.internal", origin.port()))
        .put("cache", new JsonObject().put("enabled", true)));
    for (String odd : fields) {
      field[0] = odd;
      origin.clear();
      String path = "/odd-" + fields.indexOf(odd);
      for (int i = 0; i < 2; i++) {
        RawVisitor.Answer answer = RawVisitor.exchange(router.port, "GET " + path + " HTTP/1.1\r\nHost: a.test\r\n\r\n");
        assertEquals(502, answer.status(), odd + " gave " + answer.head());
        assertEquals(List.of(), answer.head().lines().filter(l -> l.startsWith("X") && !l.startsWith("X-Request-Id:"))
            .toList(), answer.head());
      }
      assertEquals(2, origin.requests().size(), "asked again, nothing stored: " + odd);
    }
    // A field with a Latin-1 character is one a visitor may get: stored and served as it came.
    field[0] = "X-Odd: a\u00e9b";
    RawVisitor.Answer miss = RawVisitor.exchange(router.port, "GET /latin HTTP/1.1\r\nHost: a.test\r\n\r\n");
    RawVisitor.Answer hit = RawVisitor.exchange(router.port, "GET /latin HTTP/1.1\r\nHost: a.test\r\n\r\n");
    assertEquals(200, hit.status());
    assertTrue(miss.head().contains("X-Odd: a\u00e9b\r\n"), miss.head());
    assertTrue(hit.head().contains("X-Odd: a\u00e9b\r\n"), hit.head());
    assertTrue(hit.head().contains("; hit"), hit.head());
  }

  @Test
  void aFieldLineTheCodecWouldGuessAtIs502AndTheConnectionIsNotReused(Vertx vertx) throws Exception {
    List<String> refused = List.of("X Odd: 1", "X\tOdd: 1", "Content-Length x: 5", "Transfer-Encoding x: chunked",
        "X-No-Colon", ": no-name", "X-Odd: 1\r\nX Odd: 2");
    String[] field = {null};
    deploy(vertx, r -> r.requestLine().contains("/odd") ? "HTTP/1.1 200 OK\r\n" + field[0] + "\r\nContent-Length: 2\r\n\r\nok"
        : RawOrigin.ok("saw " + r.requestLine()));
    for (String odd : refused) {
      field[0] = odd;
      RawVisitor.Answer answer = RawVisitor.exchange(router.port, "GET /odd HTTP/1.1\r\nHost: a.test\r\n\r\n");
      assertEquals(502, answer.status(), odd + " gave " + answer.head());
      assertFalse(answer.head().contains("X:") || answer.head().contains("Odd"), answer.head());
      // The one pooled connection was closed: the next request gets a new one and its own answer.
      int connection = origin.requests().get(origin.requests().size() - 1).connection();
      assertEquals("saw GET /sites/a/next HTTP/1.1",
          RawVisitor.exchange(router.port, "GET /next HTTP/1.1\r\nHost: a.test\r\n\r\n").body());
      assertTrue(origin.requests().get(origin.requests().size() - 1).connection() > connection, odd);
    }
    // Whitespace before the colon alone is removed (RFC 9112 §5.1), obs-fold joined (§5.2),
    // interim answers' lines are read too, and a head split across reads is read whole.
    List<String> kept = List.of("X-Space : 1", "X-Fold: a\r\n  b", "X-Empty:", "x-lower:v");
    for (String fine : kept) {
      field[0] = fine;
      RawVisitor.Answer answer = RawVisitor.exchange(router.port, "GET /odd HTTP/1.1\r\nHost: a.test\r\n\r\n");
      assertEquals(200, answer.status(), fine + " gave " + answer.head());
      assertEquals("ok", answer.body());
    }
  }

  @Test
  void aRefusedFieldLineAfterAnInterimAnswerIs502(Vertx vertx) throws Exception {
    deploy(vertx, r -> "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nX Odd: 1\r\nContent-Length: 2\r\n\r\nok");
    assertEquals(502, RawVisitor.exchange(router.port, "GET /x HTTP/1.1\r\nHost: a.test\r\n\r\n").status());
  }

  @Test
  void anUploadExpectingContinueIsSentWhenTheOriginNeverSays100(Vertx vertx) throws Exception {
    deploy(vertx, r -> RawOrigin.ok("got " + r.body()));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("PUT /upload HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
      // A client that waits for the 100 before sending its body: the router must say it.
      assertTrue(visitor.readInterim().startsWith("HTTP/1.1 100"));
      visitor.send("hello");
      RawVisitor.Answer answer = visitor.read();

      assertEquals(200, answer.status());
      assertEquals("got hello", answer.body());
    }
    assertEquals(List.of("5"), origin.requests().get(0).header("content-length"));
  }
}
