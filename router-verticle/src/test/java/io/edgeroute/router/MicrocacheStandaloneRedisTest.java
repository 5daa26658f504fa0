package io.edgeroute.router;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The microcache acceptance over a real standalone Redis. */
class MicrocacheStandaloneRedisTest extends MicrocacheTestBase {

  private static EmbeddedRedisServer redis;
  private static boolean running;

  @BeforeAll
  static void startServer() {
    redis = EmbeddedRedisServer.start();
    running = true;
  }

  @AfterAll
  static void stopServer() {
    redis.close();
  }

  @Override
  protected void flush() {
    redis.flushAll();
  }

  @Override
  protected KvStore newStore(Vertx vertx) {
    RedisOptions options = new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(redis.endpoint());
    return RedisKvStore.create(vertx, options, RouterHarness.KEYS, Duration.ofSeconds(1));
  }

  @Override
  protected RedisStats stats() {
    return new RedisStats(List.of(redis.port()));
  }

  @Override
  protected void stopRedis() {
    redis.stop();
    running = false;
  }

  @Override
  protected void startRedis() {
    redis.startAgain();
    running = true;
  }

  @Override
  protected boolean redisRunning() {
    return running;
  }
}
