package io.edgeroute.router;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.edgeroute.shared.testing.EmbeddedRedisCluster;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The microcache acceptance over a real three-master Redis Cluster. GETs are summed over the
 * masters (only the one owning a key sees its GETs); "Redis stopped" stops every master.
 */
class MicrocacheClusterRedisTest extends MicrocacheTestBase {

  private static EmbeddedRedisCluster cluster;
  private static boolean running;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedRedisCluster.start();
    running = true;
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected void flush() {
    cluster.flushAll();
  }

  @Override
  protected KvStore newStore(Vertx vertx) {
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setEndpoints(cluster.endpoints());
    return RedisKvStore.create(vertx, options, RouterHarness.KEYS, Duration.ofSeconds(1));
  }

  @Override
  protected RedisStats stats() {
    return new RedisStats(cluster.ports());
  }

  @Override
  protected void stopRedis() {
    for (int i = 0; i < cluster.ports().size(); i++) {
      cluster.stopNode(i);
    }
    running = false;
  }

  @Override
  protected void startRedis() {
    cluster.startAll();
    running = true;
  }

  @Override
  protected boolean redisRunning() {
    return running;
  }

  @Override
  protected boolean readsKeysTogether() {
    return false;
  }
}
