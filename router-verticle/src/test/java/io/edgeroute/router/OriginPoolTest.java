package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wait for a pooled origin connection is bounded, in length ({@code router.maxWaitQueue}) and in
 * time ({@code router.poolWaitTimeout}); beyond either the router answers 503 with Retry-After.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OriginPoolTest {

  /** One connection per origin and one place in its wait queue. */
  private static final JsonObject ONE_CONNECTION = new JsonObject().put("maxConnectionsPerOrigin", 1)
      .put("maxWaitQueue", 1).put("poolWaitTimeout", "20s");

  @Test
  void requestsBeyondTheWaitQueueGet503WhileTheQueuedOneIsServed(Vertx vertx) {
    Busy busy = fillThePool(vertx);
    List<HttpServerRequest> held = busy.held();
    Context origin = busy.origin();
    Future<RouterHarness.Answer> first = busy.first();
    Future<RouterHarness.Answer> second = busy.second();
    Future<RouterHarness.Answer> third = busy.third();

    // One of the two finds the queue slot taken and is turned away at once; the other waits.
    RouterHarness.Answer turnedAway = second.isComplete() ? second.result() : third.result();
    assertEquals(503, turnedAway.status());
    assertEquals("5", turnedAway.headers().get("Retry-After"));
    assertTrue(turnedAway.body().contains("too many requests are waiting for this origin"), turnedAway.body());
    Future<RouterHarness.Answer> queued = second.isComplete() ? third : second;
    assertTrue(!queued.isComplete(), "the queued request did not wait");

    origin.runOnContext(v -> held.forEach(r -> r.response().end("done " + r.uri())));
    assertEquals(200, await(first).status());
    // The queued request now has the connection and is held in turn: answer it as well.
    await(waitFor(vertx, () -> held.size() == 2));
    origin.runOnContext(v -> held.get(1).response().end("done " + held.get(1).uri()));
    assertEquals(200, await(queued).status());
    assertEquals(2, busy.server().received.size());
  }

  @Test
  void aRequestThatWaitsTooLongForAPooledConnectionGets503(Vertx vertx) {
    RouterHarness router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("maxConnectionsPerOrigin", 1).put("maxWaitQueue", 4)
            .put("connectTimeout", "200ms").put("poolWaitTimeout", "200ms"));
    Promise<Void> firstArrived = Promise.promise();
    TestOrigin stuck = await(TestOrigin.start(vertx, "stuck", false, request -> firstArrived.tryComplete()));
    router.putSite("stuck.example", new JsonObject().put("origin", origin("http://stuck.internal", stuck.port())));

    router.send(HttpMethod.GET, "stuck.example", "/hog", Map.of(), null);
    await(firstArrived.future());
    RouterHarness.Answer waited = await(router.send(HttpMethod.GET, "stuck.example", "/2", Map.of(), null));

    assertEquals(503, waited.status());
    assertEquals("5", waited.headers().get("Retry-After"));
    assertTrue(waited.body().contains("no connection to this origin became free in time"), waited.body());
    assertEquals(1, stuck.received.size());
  }

  /**
   * New pool options build a new pool (swap, don't mutate); a request already waiting in the old
   * one is in flight like the others and is served there when a connection comes free.
   */
  @Test
  void aRequestWaitingWhenThePoolIsReplacedIsStillServed(Vertx vertx) {
    Busy busy = fillThePool(vertx);
    List<HttpServerRequest> held = busy.held();
    Context origin = busy.origin();
    Future<RouterHarness.Answer> first = busy.first();
    // One of the two is turned away (503): the other is in the old pool's wait queue.
    Future<RouterHarness.Answer> queued = busy.second().isComplete() ? busy.third() : busy.second();
    assertTrue(!queued.isComplete(), "the queued request did not wait");

    JsonObject changed = RouterHarness.withLoopbackRouter(new JsonObject().put("router", ONE_CONNECTION.copy()
        .put("maxConnectionsPerOrigin", 2)));
    ConfigChanges.publish(vertx, new EdgerouteOptions(changed));
    origin.runOnContext(v -> held.get(0).response().end("done"));
    assertEquals(200, await(first).status());
    await(waitFor(vertx, () -> held.size() == 2));
    origin.runOnContext(v -> held.get(1).response().end("done too"));
    RouterHarness.Answer served = await(queued);
    assertEquals(200, served.status(), served.body());
    assertEquals("done too", served.body());
  }

  /**
   * A router with {@link #ONE_CONNECTION} in front of an origin that holds every request until the
   * test answers it (on {@code origin}): {@code first} holds the connection, and of {@code second}
   * and {@code third} one has been turned away, the other waits in the queue.
   */
  private record Busy(TestOrigin server, List<HttpServerRequest> held, Context origin,
                      Future<RouterHarness.Answer> first, Future<RouterHarness.Answer> second,
                      Future<RouterHarness.Answer> third) {
  }

  private static Busy fillThePool(Vertx vertx) {
    RouterHarness router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        ONE_CONNECTION);
    List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    Promise<Context> firstArrived = Promise.promise();
    TestOrigin server = await(TestOrigin.start(vertx, "busy", false, request -> {
      held.add(request);
      firstArrived.tryComplete(Vertx.currentContext());
    }));
    router.putSite("busy.example", new JsonObject().put("origin", origin("http://busy.internal", server.port())));

    Future<RouterHarness.Answer> first = router.send(HttpMethod.GET, "busy.example", "/1", Map.of(), null);
    Context origin = await(firstArrived.future());
    Future<RouterHarness.Answer> second = router.send(HttpMethod.GET, "busy.example", "/2", Map.of(), null);
    Future<RouterHarness.Answer> third = router.send(HttpMethod.GET, "busy.example", "/3", Map.of(), null);
    await(Future.any(second, third));
    return new Busy(server, held, origin, first, second, third);
  }

  /** Completes once {@code condition} holds, checking every 20 ms. */
  private static Future<Void> waitFor(Vertx vertx, java.util.function.BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
    });
    return done.future();
  }
}
