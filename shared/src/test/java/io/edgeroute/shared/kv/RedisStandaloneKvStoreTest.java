package io.edgeroute.shared.kv;

import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Override
  protected void stopBackend() {
    redis.stop();
  }

  @Override
  protected void startBackend() {
    redis.startAgain();
  }
}
