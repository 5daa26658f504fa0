package io.edgeroute.shared.kv;

import io.edgeroute.shared.testing.EmbeddedRedisCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/**
 * The contract on a real three-master Redis Cluster, started once for the class and emptied
 * (FLUSHALL on every master) before each test.
 *
 * <p>"Restart" here stops every master and starts them again on the same ports with their saved
 * cluster config, so they rejoin with the same ids and slots. Stopping all of them, not just one,
 * leaves the subscriber no live node to fail over to: delivery afterwards proves it reconnected
 * by itself rather than having stayed on a node that never went away.
 */
class RedisClusterKvStoreTest extends KvStoreContractTest {

  private static EmbeddedRedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedRedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected Future<? extends KvStore> openStore(Vertx vertx) {
    cluster.flushAll();
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setEndpoints(cluster.endpoints());
    return Future.succeededFuture(RedisKvStore.create(vertx, options, KEYS, Duration.ofSeconds(2)));
  }

  @Override
  protected void stopBackend() {
    for (int i = 0; i < cluster.ports().size(); i++) {
      cluster.stopNode(i);
    }
  }

  @Override
  protected void startBackend() {
    cluster.startAll();
  }
}
