package io.edgeroute.router;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The stories over a real standalone Redis, emptied before each test. */
class RedisStoriesTest extends StoriesTestBase {

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
  protected Future<KvStore> openStore(Vertx vertx) {
    redis.flushAll();
    RedisOptions options = new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(redis.endpoint());
    return Future.succeededFuture(RedisKvStore.create(vertx, options, RouterHarness.KEYS, Duration.ofSeconds(2)));
  }
}
