package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries: only an idempotent request, and only when no connection could be made (nothing was sent);
 * a request that reached the origin is never sent twice.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProxyRetryTest {

  private RouterHarness router;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("trustStore", Path.of(TestOrigin.CERT).toAbsolutePath().toString()));
  }

  /**
   * A TCP front for an HTTPS origin that drops the first connection it accepts before the TLS
   * handshake, and splices every later one through: the router's first connect fails
   * deterministically with nothing sent.
   */
  private static Future<NetServer> dropFirstConnection(Vertx vertx, int originPort, AtomicInteger accepted) {
    return vertx.createNetServer().connectHandler(visitor -> {
      if (accepted.incrementAndGet() == 1) {
        visitor.close();
        return;
      }
      visitor.pause();
      vertx.createNetClient().connect(originPort, "127.0.0.1").onSuccess(origin -> {
        visitor.pipeTo(origin);
        origin.pipeTo(visitor);
      }).onFailure(t -> visitor.close());
    }).listen(0, "127.0.0.1");
  }

  @Test
  void anIdempotentRequestThatCouldNotConnectIsRetriedOnce(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    AtomicInteger accepted = new AtomicInteger();
    NetServer front = await(dropFirstConnection(vertx, tls.port(), accepted));
    router.putSite("retry.example", new JsonObject().put("origin", origin("https://static.example.me", front.actualPort())));

    RouterHarness.Answer answer = router.get("retry.example", "/page");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("tls GET /page", answer.body());
    assertEquals(2, accepted.get());
    assertEquals(1, tls.received.size());
  }

  @Test
  void aPostIsNotRetriedEvenWhenItCouldNotConnect(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    AtomicInteger accepted = new AtomicInteger();
    NetServer front = await(dropFirstConnection(vertx, tls.port(), accepted));
    router.putSite("retry.example", new JsonObject().put("origin", origin("https://static.example.me", front.actualPort())));

    RouterHarness.Answer answer = await(router.send(HttpMethod.POST, "retry.example", "/order", Map.of(), Buffer.buffer("one")));

    assertEquals(502, answer.status());
    assertEquals(1, accepted.get());
    assertEquals(0, tls.received.size());
  }

  @Test
  void aPostWhoseBodyWasSentIsNeverRetried(Vertx vertx) {
    // Reads the whole body, then hangs up without answering.
    TestOrigin rude = await(TestOrigin.start(vertx, "rude", false, request -> request.body()
        .onSuccess(body -> request.connection().close())));
    router.putSite("rude.example", new JsonObject().put("origin", origin("http://rude.internal", rude.port())));

    RouterHarness.Answer post = await(router.send(HttpMethod.POST, "rude.example", "/order", Map.of(), Buffer.buffer("one")));
    assertEquals(502, post.status());
    assertEquals(1, rude.received.size());

    // Not even an idempotent one: once the request went out, a retry could repeat its effect.
    RouterHarness.Answer put = await(router.send(HttpMethod.PUT, "rude.example", "/order", Map.of(), Buffer.buffer("two")));
    assertEquals(502, put.status());
    assertEquals(2, rude.received.size());
  }

  /**
   * The keep-alive race: an origin closes an idle connection just as the router sends the next
   * request on it (Node's, gunicorn's and puma's keep-alive timeouts are seconds). Nothing was
   * answered and a GET or HEAD changes nothing, so it is sent again on a new connection, as nginx
   * and Go do; the visitor never sees the race.
   */
  @Test
  void aSafeRequestOnAConnectionTheOriginClosedUnansweredIsSentAgain(Vertx vertx) {
    for (boolean cached : new boolean[] {false, true}) {
      // Each connection answers its first request, then hangs up on the next one.
      RawOrigin racy = await(RawOrigin.start(vertx, new java.util.function.Function<>() {
        private final java.util.Set<Integer> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public String apply(RawOrigin.Received r) {
          return served.add(r.connection()) ? RawOrigin.ok("answered on connection " + r.connection()) : RawOrigin.HANG_UP;
        }
      }));
      String host = "racy.example";
      RouterHarness through = cached ? RouterHarness.deploy(vertx, router.store, new JsonObject(),
          new ResponseCache(vertx, new ResponseCacheOptions())) : router;
      JsonObject site = new JsonObject().put("origin", origin("http://racy.internal", racy.port()));
      if (cached) {
        site.put("cache", new JsonObject().put("enabled", true));
      }
      through.putSite(host, site);

      assertEquals("answered on connection 1", through.get(host, "/first").body());
      RouterHarness.Answer second = through.get(host, "/second");

      assertEquals(200, second.status(), second.body());
      assertEquals("answered on connection 2", second.body());
      // Sent twice: once on the connection that hung up, once on a new one.
      assertEquals(List.of("GET /first HTTP/1.1", "GET /second HTTP/1.1", "GET /second HTTP/1.1"),
          racy.requests().stream().map(RawOrigin.Received::requestLine).toList(), "cached " + cached);
      await(racy.close());
      if (cached) {
        await(through.close());
      }
    }
  }

  @Test
  void aPostOnAConnectionTheOriginClosedUnansweredIsNotSentAgain(Vertx vertx) {
    RawOrigin racy = await(RawOrigin.start(vertx, new java.util.function.Function<>() {
      private final java.util.Set<Integer> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

      @Override
      public String apply(RawOrigin.Received r) {
        return served.add(r.connection()) ? RawOrigin.ok("answered") : RawOrigin.HANG_UP;
      }
    }));
    router.putSite("racy.example", new JsonObject().put("origin", origin("http://racy.internal", racy.port())));

    assertEquals("answered", router.get("racy.example", "/first").body());
    RouterHarness.Answer post = await(router.send(HttpMethod.POST, "racy.example", "/order", Map.of(), Buffer.buffer("one")));

    assertEquals(502, post.status());
    assertEquals(2, racy.requests().size());
  }
}
