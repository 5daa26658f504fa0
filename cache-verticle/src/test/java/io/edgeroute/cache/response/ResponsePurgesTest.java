package io.edgeroute.cache.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Purges reach the node's cache from the KV change channel and from other nodes over the event bus. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResponsePurgesTest {

  private CountingOrigin origin;
  private ResponseCache cache;
  private Visitor visitor;
  private KvStore store;

  @BeforeEach
  void start(Vertx vertx) {
    origin = Visitor.await(CountingOrigin.start(vertx));
    cache = new ResponseCache(vertx, new ResponseCacheOptions());
    visitor = new Visitor(vertx.getOrCreateContext(), cache, origin.fetch());
    store = Visitor.await(MemoryKvStore.open(vertx, null, KvKeys.defaults()));
    Visitor.await(ResponsePurges.start(vertx, store, cache));
    for (String path : List.of("/a", "/b", "/blog/1")) {
      origin.on(path, request -> request.response().putHeader("Cache-Control", "max-age=60").end("x"));
      visitor.get(path);
    }
    assertEquals(3, cache.store().size());
  }

  @Test
  void aPurgeOnTheChangeChannelRemovesWhatItNames() {
    Visitor.await(store.publish(KvChange.purge("example.com", 2, new PurgeSpec(null, List.of("/blog/*"), null, false))));
    waitFor(() -> cache.store().size() == 2);
    assertTrue(visitor.get("/a").cacheStatus().startsWith("edgeroute; hit"));
    assertEquals("edgeroute; fwd=miss; stored", visitor.get("/blog/1").cacheStatus());
  }

  @Test
  void aPurgeFromAnotherNodeOnTheEventBusIsApplied(Vertx vertx) {
    vertx.eventBus().publish(EventBusAddresses.RESPONSE_PURGE, new JsonObject().put("kind", "bogus"));
    vertx.eventBus().publish(EventBusAddresses.RESPONSE_PURGE,
        KvChange.purge("other.example", 2, PurgeSpec.everything()).toJson());
    vertx.eventBus().publish(EventBusAddresses.RESPONSE_PURGE,
        KvChange.purge("example.com", 2, new PurgeSpec(List.of("/a"), null, null, false)).toJson());
    waitFor(() -> cache.store().size() == 2);
    assertTrue(visitor.get("/b").cacheStatus().startsWith("edgeroute; hit"));
    assertEquals(1, origin.count("/b"));
  }

  /** Polls with a deadline instead of sleeping a guessed time. */
  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
