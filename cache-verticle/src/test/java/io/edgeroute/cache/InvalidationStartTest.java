package io.edgeroute.cache;

import static io.edgeroute.cache.EventLoopCalls.await;
import static io.edgeroute.cache.EventLoopCalls.on;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a started node promises about the store's change channel, against a real Redis: once its
 * start has completed, a change published by any writer reaches it (no window in which the node
 * is up but not yet subscribed), and a store that is down at start delays nothing and is
 * subscribed to once it is back.
 */
@ExtendWith(VertxExtension.class)
class InvalidationStartTest {

  private static final KvKeys KEYS = KvKeys.defaults();
  private static final String HOST = "a.example";
  private static EmbeddedRedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void aChangePublishedAsSoonAsTheNodeHasStartedReachesIt(Vertx vertx) {
    // Ten nodes in turn, each told of a change the moment its start completes: before the start
    // waited for the subscription, the message was published before the node's SUBSCRIBE reached
    // Redis most times, and lost (pub/sub keeps nothing).
    for (int node = 1; node <= 10; node++) {
      KvStore store = store(vertx);
      Microcache microcache = new Microcache(KEYS, new MicrocacheOptions().setSnapshotFile(null));
      MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
      Invalidation feed = new Invalidation(store, loader, null);
      Context context = vertx.getOrCreateContext();
      put(store, node);
      await(on(context, () -> loader.answer(KEYS.site(HOST))));
      put(store, node + 1);

      await(on(context, () -> feed.start(vertx)));
      await(store.publish(KvChange.site(HOST, node + 1)));

      int n = node;
      Await.until("node " + n + " applied the change published once it had started",
          () -> microcache.counters().invalidations() == 1);
      assertEquals(node + 1, await(on(context, () -> loader.answer(KEYS.site(HOST)))).version());
      await(feed.close());
      await(store.close());
    }
  }

  @Test
  void aStoreDownAtStartDoesNotHoldTheStartAndIsSubscribedToOnceBack(Vertx vertx) {
    KvStore store = store(vertx);
    Microcache microcache = new Microcache(KEYS, new MicrocacheOptions().setSnapshotFile(null));
    MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
    Invalidation feed = new Invalidation(store, loader, null);
    Context context = vertx.getOrCreateContext();
    String channel = KEYS.changesChannel();
    put(store, 1);
    await(on(context, () -> loader.answer(KEYS.site(HOST))));
    long before = redis.subscribers(channel);
    redis.stop();
    try {
      // Completes, and does not fail: the node serves from what it has while the store is away.
      await(on(context, () -> feed.start(vertx)));
    } finally {
      redis.startAgain();
    }
    Await.until("subscribed once Redis is back", () -> redis.subscribers(channel) > before);
    put(store, 2);

    await(store.publish(KvChange.site(HOST, 2)));

    Await.until("the change applied", () -> microcache.counters().invalidations() == 1);
    assertEquals(2, await(on(context, () -> loader.answer(KEYS.site(HOST)))).version());
    await(feed.close());
    await(store.close());
  }

  private static KvStore store(Vertx vertx) {
    return RedisKvStore.create(vertx, new RedisOptions().setType(RedisClientType.STANDALONE)
        .setConnectionString(redis.endpoint()), KEYS, Duration.ofSeconds(5));
  }

  private static void put(KvStore store, long version) {
    await(store.put(KEYS.site(HOST), new JsonObject().put("version", version)
        .put("origin", new JsonObject().put("url", "http://v" + version + ".example")).encode(), KvStore.ANY_VERSION));
  }
}
