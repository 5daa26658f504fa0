package io.edgeroute.cache;

import static io.edgeroute.cache.EventLoopCalls.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.lookup.Lookup;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How changes reach the microcache and the listeners: once each, newer versions only, and what a
 * node does after its subscription was lost. Drives the protocol directly (as the store's
 * subscription or, once clustered, a peer would) on one event loop, like the cache verticle does.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class InvalidationTest {

  private static final KvKeys KEYS = KvKeys.defaults();
  private static final String SITE = KEYS.site("a.example");

  private Context context;
  private KvStore store;
  private Microcache microcache;
  private MicrocacheLoader loader;
  private Invalidation feed;
  private final List<KvChange> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    context = vertx.getOrCreateContext();
    store = await(MemoryKvStore.open(vertx, null, KEYS));
    microcache = new Microcache(KEYS, new MicrocacheOptions().setSnapshotFile(null));
    loader = new MicrocacheLoader(store, microcache);
    feed = new Invalidation(store, loader, null);
    feed.listen(context, heard::add);
    put(5);
    await(on(() -> loader.answer(SITE)));
  }

  @Test
  void appliesAChangeHeardTwiceOnceAndTellsTheListenersOnce() {
    put(6);
    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 6))))));
    assertFalse(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 6))))));

    assertEquals(6, await(on(() -> loader.answer(SITE))).version());
    assertEquals(1, microcache.counters().invalidations());
    assertEquals(2, microcache.counters().redisReads(), "the first fill and one re-read");
    Await.until("the listener told", () -> heard.size() == 1);
    assertEquals(List.of(KvChange.site("a.example", 6)), heard);
  }

  @Test
  void aChangeHeardFromAPeerAndFromRedisIsAppliedOnceAndNotPassedOnAgain(Vertx vertx) {
    Microcache peerCache = new Microcache(KEYS, new MicrocacheOptions().setSnapshotFile(null));
    MicrocacheLoader peerLoader = new MicrocacheLoader(store, peerCache);
    Invalidation peer = new Invalidation(store, peerLoader, null);
    await(on(() -> Future.all(feed.start(vertx), peer.start(vertx)).mapEmpty()));
    await(on(() -> peerLoader.answer(SITE)));
    List<JsonObject> onTheClusterBus = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer(EventBusAddresses.CLUSTER_CHANGED, m -> onTheClusterBus.add(m.body()))
        .completion());
    put(6);

    // This node hears it from Redis first and tells the cluster; the peer applies it from the bus.
    await(on(() -> {
      feed.fromStore(KvChange.site("a.example", 6));
      return Future.succeededFuture();
    }));
    Await.until("the peer applied it", () -> peerCache.counters().invalidations() == 1);
    // Then the peer's own subscription delivers it too: already applied, so nothing happens.
    await(on(() -> {
      peer.fromStore(KvChange.site("a.example", 6));
      return Future.succeededFuture();
    }));

    assertEquals(6, await(on(() -> peerLoader.answer(SITE))).version());
    assertEquals(1, peerCache.counters().invalidations());
    assertEquals(2, peerCache.counters().redisReads(), "the first fill and one re-read");
    assertEquals(1, onTheClusterBus.size(), "published once, by the node that heard it first");
  }

  @Test
  void aVersionHeardBeforeIsAppliedAgainWhenTheSiteWasDeletedAndCreatedAnew() {
    // The announcement of the cached version 5, heard once.
    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 5))))));
    await(store.delete(SITE, KvStore.ANY_VERSION));
    await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 6)))));
    assertTrue(await(on(() -> loader.answer(SITE))).negative(), "deleted");
    put(5);

    // Created again: its version restarts, so (site, a.example, 5) repeats a change already seen.
    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 5))))));
    await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 5)))));

    Lookup recreated = await(on(() -> loader.answer(SITE)));
    assertFalse(recreated.negative(), "routed again");
    assertEquals(5, recreated.version());
  }

  @Test
  void ignoresAChangeOlderThanTheCachedVersion() {
    await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 4)))));
    await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("a.example", 5)))));

    assertEquals(5, await(on(() -> loader.answer(SITE))).version());
    assertEquals(0, microcache.counters().invalidations());
    assertEquals(1, microcache.counters().redisReads());
  }

  @Test
  void unversionedChangesAreNeverTakenForDuplicates() {
    String unversioned = KEYS.site("b.example");
    await(store.put(unversioned, new JsonObject().put("origin", new JsonObject().put("url", "http://x.example")).encode(),
        KvStore.ANY_VERSION));
    await(on(() -> loader.answer(unversioned)));

    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("b.example", 0))))));
    await(on(() -> loader.answer(unversioned)));
    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(KvChange.site("b.example", 0))))));

    assertEquals(2, microcache.counters().invalidations());
  }

  @Test
  void aPurgeMakesTheSiteBeReadAgain() {
    // This node has no response cache: only the site is read again (its cacheGeneration may have changed).
    assertTrue(await(on(() -> Future.succeededFuture(feed.accept(
        KvChange.purge("a.example", 5, new io.edgeroute.shared.model.PurgeSpec(null, null, null, true)))))));
    Await.until("the site read again", () -> microcache.counters().redisReads() == 2);
  }

  @Test
  void afterTheSubscriptionResumesEveryCachedLookupIsReadAgainAtItsNextUse() {
    String other = KEYS.site("b.example");
    await(on(() -> loader.answer(other)));
    assertTrue(await(on(() -> loader.answer(other))).negative());
    // Written while this node heard nothing: no change message will ever come for these.
    put(6);
    await(store.put(other, new JsonObject().put("version", 1)
        .put("origin", new JsonObject().put("url", "http://b.example")).encode(), KvStore.ANY_VERSION));
    assertEquals(5, await(on(() -> loader.answer(SITE))).version(), "still the cached copy");

    await(on(() -> {
      feed.resumed();
      return Future.succeededFuture();
    }));

    assertTrue(microcache.cached(SITE).outdated(), "outdated, not dropped: still the stale-if-error copy");
    assertEquals(6, await(on(() -> loader.answer(SITE))).version());
    assertEquals(1, await(on(() -> loader.answer(other))).version(), "a cached absence is read again too");
    assertTrue(heard.isEmpty(), "certificates are left to their TTL");
  }

  private void put(long version) {
    await(store.put(SITE, new JsonObject().put("version", version)
        .put("origin", new JsonObject().put("url", "http://v" + version + ".example")).encode(), KvStore.ANY_VERSION));
  }

  /** Runs {@code action} on the test's event loop, as the cache verticle would. */
  private <T> Future<T> on(Supplier<Future<T>> action) {
    return EventLoopCalls.on(context, action);
  }
}
