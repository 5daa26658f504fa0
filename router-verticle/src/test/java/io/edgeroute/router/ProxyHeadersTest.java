package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the origin and the visitor see of each other's headers: hop-by-hop ones dropped both ways,
 * forwarding headers added (client-sent ones trusted only from {@code router.trustedProxies}),
 * the request id kept or made and echoed, and the site's response headers added.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProxyHeadersTest {

  private static final List<String> HOP_BY_HOP = List.of("Connection", "X-Named-Hop", "Keep-Alive", "TE", "Trailer",
      "Transfer-Encoding", "Upgrade", "Proxy-Authorization", "Proxy-Authenticate", "Proxy-Connection", "Proxy-Anything");

  private RouterHarness deploy(Vertx vertx, JsonObject options, TestOrigin origin) {
    RouterHarness router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), options);
    router.putSite("headers.example", new JsonObject()
        .put("origin", origin("http://app.internal", origin.port()))
        .put("responseHeaders", new JsonObject().put("X-Served-By", "edgeroute")));
    return router;
  }

  /** An origin that answers with hop-by-hop headers of its own, to be dropped on the way back. */
  private static TestOrigin hoppingOrigin(Vertx vertx) {
    return await(TestOrigin.start(vertx, "app", false, request -> request.body().onSuccess(body -> request.response()
        .putHeader("Connection", "X-Named-Hop").putHeader("X-Named-Hop", "1").putHeader("Keep-Alive", "timeout=5")
        .putHeader("Proxy-Authenticate", "Basic").putHeader("Upgrade", "irc/6.9").putHeader("X-End-To-End", "kept")
        .end("ok " + body))));
  }

  @Test
  void hopByHopHeadersAreDroppedBothWays(Vertx vertx) {
    TestOrigin origin = hoppingOrigin(vertx);
    RouterHarness router = deploy(vertx, new JsonObject(), origin);

    RouterHarness.Answer answer = await(router.send(HttpMethod.POST, "headers.example", "/", Map.of(
        "Connection", "keep-alive, X-Named-Hop", "X-Named-Hop", "secret", "Keep-Alive", "timeout=5", "TE", "trailers",
        "Trailer", "X-Checksum", "Upgrade", "irc/6.9", "Proxy-Authorization", "Basic Zm9vOmJhcg==",
        "Proxy-Connection", "keep-alive", "Proxy-Anything", "x", "X-End-To-End", "kept"), Buffer.buffer("payload")));

    assertEquals(200, answer.status());
    assertEquals("ok payload", answer.body());
    MultiMap seen = origin.last().headers();
    for (String name : HOP_BY_HOP) {
      assertNull(seen.get(name), name + " reached the origin");
      if (!name.equals("Transfer-Encoding") && !name.equals("Connection")) {
        assertNull(answer.headers().get(name), name + " reached the visitor");
      }
    }
    assertEquals("7", seen.get("Content-Length"));
    assertEquals("kept", seen.get("X-End-To-End"));
    assertEquals("kept", answer.headers().get("X-End-To-End"));
  }

  @Test
  void forwardingHeadersAreAddedAndForgedOnesReplaced(Vertx vertx) {
    TestOrigin origin = hoppingOrigin(vertx);
    RouterHarness router = deploy(vertx, new JsonObject(), origin);

    RouterHarness.Answer answer = await(router.send(HttpMethod.GET, "headers.example", "/", Map.of(
        "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "bank.example",
        "Forwarded", "for=6.6.6.6", "Via", "1.0 fred"), null));

    MultiMap seen = origin.last().headers();
    assertEquals("127.0.0.1", seen.get("X-Forwarded-For"));
    assertEquals("http", seen.get("X-Forwarded-Proto"));
    assertEquals("headers.example", seen.get("X-Forwarded-Host"));
    assertNull(seen.get("Forwarded"));
    assertEquals("1.0 fred, 1.1 edgeroute", seen.get("Via"));
    assertEquals("app.internal", seen.get("Host"));
    assertEquals("edgeroute", answer.headers().get("X-Served-By"));
  }

  @Test
  void forwardingHeadersFromATrustedProxyAreKeptAndAppended(Vertx vertx) {
    TestOrigin origin = hoppingOrigin(vertx);
    RouterHarness router = deploy(vertx, new JsonObject().put("trustedProxies", new JsonArray().add("127.0.0.0/8")), origin);

    await(router.send(HttpMethod.GET, "headers.example", "/", Map.of(
        "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example"), null));

    MultiMap seen = origin.last().headers();
    assertEquals("203.0.113.7, 127.0.0.1", seen.get("X-Forwarded-For"));
    assertEquals("https", seen.get("X-Forwarded-Proto"));
    assertEquals("shop.example", seen.get("X-Forwarded-Host"));
  }

  @Test
  void theRequestIdIsKeptOrGeneratedAndEchoed(Vertx vertx) {
    TestOrigin origin = hoppingOrigin(vertx);
    RouterHarness router = deploy(vertx, new JsonObject(), origin);

    RouterHarness.Answer kept = await(router.send(HttpMethod.GET, "headers.example", "/", Map.of("X-Request-Id", "abc-123"), null));
    assertEquals("abc-123", origin.last().headers().get("X-Request-Id"));
    assertEquals("abc-123", kept.headers().get("X-Request-Id"));

    RouterHarness.Answer generated = router.get("headers.example", "/");
    String id = generated.headers().get("X-Request-Id");
    assertNotNull(id);
    assertEquals(id, origin.last().headers().get("X-Request-Id"));
    assertFalse(id.equals("abc-123"));
  }
}
