package io.edgeroute.cache.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.CacheVerticle;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.PurgeSpec;
import io.edgeroute.shared.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Purges reach the node's response cache through the real cache verticle: from the KV change
 * channel and from other nodes over the event bus, each purge applied once however often it is heard.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PurgeDeliveryTest {

  private static final String PEER = "another-node";

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
    Microcache microcache = new Microcache(KvKeys.defaults(), new MicrocacheOptions().setSnapshotFile(null));
    Visitor.await(vertx.deployVerticle(new CacheVerticle(store, new MicrocacheLoader(store, microcache), cache)));
    for (String path : List.of("/a", "/b", "/blog/1")) {
      origin.on(path, request -> request.response().putHeader("Cache-Control", "max-age=60").end("x"));
      visitor.get(path);
    }
    assertEquals(3, cache.store().size());
  }

  @Test
  void aPurgeOnTheChangeChannelRemovesWhatItNames() {
    Visitor.await(store.publish(KvChange.purge("example.com", 2, new PurgeSpec(null, List.of("/blog/*"), null, false))));
    Await.until("the purge applied", () -> cache.store().size() == 2);
    assertTrue(visitor.get("/a").cacheStatus().startsWith("edgeroute; hit"));
    assertEquals("edgeroute; fwd=miss; stored", visitor.get("/blog/1").cacheStatus());
  }

  @Test
  void aPurgeFromAnotherNodeOnTheEventBusIsApplied(Vertx vertx) {
    fromPeer(vertx, new JsonObject().put("kind", "bogus"));
    fromPeer(vertx, KvChange.purge("other.example", 2, PurgeSpec.everything()).toJson());
    fromPeer(vertx, KvChange.purge("example.com", 2, paths("/a")).toJson());
    Await.until("the purge applied", () -> cache.store().size() == 2);
    assertTrue(visitor.get("/b").cacheStatus().startsWith("edgeroute; hit"));
    assertEquals(1, origin.count("/b"));
  }

  @Test
  void aPurgeHeardFromRedisAndFromAPeerIsAppliedOnce(Vertx vertx) {
    KvChange purge = KvChange.purge("example.com", 2, paths("/a"));
    Visitor.await(store.publish(purge));
    Await.until("the purge applied", () -> cache.store().size() == 2);
    assertEquals("edgeroute; fwd=miss; stored", visitor.get("/a").cacheStatus(), "stored again after the purge");

    fromPeer(vertx, purge.toJson());
    // The peer's next purge is handled after the repeat (one sender, one consumer: in order).
    fromPeer(vertx, KvChange.purge("example.com", 2, paths("/b")).toJson());
    Await.until("the purge applied", () -> cache.store().size() == 2);
    assertTrue(visitor.get("/a").cacheStatus().startsWith("edgeroute; hit"), "the repeated purge was not applied again");
    assertEquals(2, origin.count("/a"));
  }

  @Test
  void twoPurgesOfOneSiteVersionAreBothApplied() {
    Visitor.await(store.publish(KvChange.purge("example.com", 2, paths("/a"))));
    Await.until("the purge applied", () -> cache.store().size() == 2);
    Visitor.await(store.publish(KvChange.purge("example.com", 2, paths("/b"))));
    Await.until("the purge applied", () -> cache.store().size() == 1);
    assertTrue(visitor.get("/blog/1").cacheStatus().startsWith("edgeroute; hit"));
  }

  private static PurgeSpec paths(String path) {
    return new PurgeSpec(List.of(path), null, null, false);
  }

  private static void fromPeer(Vertx vertx, JsonObject change) {
    vertx.eventBus().publish(EventBusAddresses.CLUSTER_CHANGED, change.copy().put(EventBusAddresses.CLUSTER_CHANGED_ORIGIN, PEER));
  }
}
