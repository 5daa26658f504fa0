package io.edgeroute.shared.kv;

import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on one real redis-server, started once for the class and emptied before each test. */
class RedisStandaloneKvStoreTest extends KvStoreContractTest {

  private static EmbeddedRedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected Future<? extends KvStore> openStore(Vertx vertx) {
    redis.flushAll();
    RedisOptions options = new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(redis.endpoint());
    return Future.succeededFuture(RedisKvStore.create(vertx, options, KEYS, Duration.ofSeconds(2)));
  }

  @Test
  void malformedChangeMessagesAreSkipped(Vertx vertx) throws InterruptedException {
    BlockingQueue<Object> received = subscribeOn(vertx.getOrCreateContext());
    // Written by hand, as a platform writing to Redis directly might get it wrong.
    redis.publish(KEYS.changesChannel(), "not json");
    redis.publish(KEYS.changesChannel(), "{\"kind\":\"nonsense\",\"key\":\"a\"}");
    redis.publish(KEYS.changesChannel(), "{\"kind\":\"site\",\"key\":\"a.example\",\"version\":2}");
    assertEquals(KvChange.site("a.example", 2), received.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  /**
   * Pub/sub keeps nothing: after a loss the subscriber is told it resumed, so that it can catch up
   * on what was published meanwhile; the first subscribe is not a resumption.
   */
  @Test
  void aSubscriptionBackAfterALossTellsTheSubscriberOnItsContext(Vertx vertx) throws InterruptedException {
    Context context = vertx.getOrCreateContext();
    BlockingQueue<Object> resumed = new LinkedBlockingQueue<>();
    BlockingQueue<KvChange> received = new LinkedBlockingQueue<>();
    Promise<KvSubscription> subscribed = Promise.promise();
    context.runOnContext(v -> store.subscribe(received::add,
        () -> resumed.add(Vertx.currentContext() == context ? "resumed" : "resumed on the wrong context"))
        .onComplete(subscribed));
    await(subscribed.future());
    await(store.publish(KvChange.site("before.example", 1)));
    assertEquals(KvChange.site("before.example", 1), received.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(resumed.isEmpty(), "subscribing is not resuming");

    redis.restart();

    assertEquals("resumed", resumed.poll(20, TimeUnit.SECONDS));
    await(store.publish(KvChange.site("after.example", 1)));
    assertEquals(KvChange.site("after.example", 1), received.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(resumed.isEmpty(), "one loss, one resumption");
  }

  @Test
  void commandsWithoutAnswerFailAsUnavailableWithinTheTimeout(Vertx vertx) {
    // A real peer that accepts connections and never answers, like a hung or overloaded Redis.
    NetServer silent = await(vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1"));
    RedisOptions options = new RedisOptions().setConnectionString("redis://127.0.0.1:" + silent.actualPort());
    KvStore mute = RedisKvStore.create(vertx, options, KEYS, Duration.ofMillis(300));
    long started = System.nanoTime();
    Throwable failure = failure(mute.get("test:site:a.example"));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertInstanceOf(KvUnavailableException.class, failure);
    assertTrue(failure.getMessage().contains("GET test:site:a.example"), failure.getMessage());
    assertTrue(tookMs < 3_000, "took " + tookMs + " ms");
    mute.close();
    silent.close();
  }

  @Test
  void subscribeFailsAsUnavailableWhenNoEndpointAnswers(Vertx vertx) {
    RedisOptions options = new RedisOptions().setConnectionString("redis://127.0.0.1:" + FreePorts.freePort());
    KvStore nowhere = RedisKvStore.create(vertx, options, KEYS, Duration.ofSeconds(1));
    assertInstanceOf(KvUnavailableException.class, failure(nowhere.subscribe(change -> { })));
    assertInstanceOf(KvUnavailableException.class, failure(nowhere.ping()));
    nowhere.close();
  }

  @Override
  protected void stopBackend() {
    redis.stop();
  }

  @Override
  protected void startBackend() {
    redis.startAgain();
  }
}
