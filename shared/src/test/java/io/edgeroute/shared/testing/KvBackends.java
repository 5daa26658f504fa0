package io.edgeroute.shared.testing;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;

/**
 * The three KV backends every end-to-end suite runs against, each started at most once per test
 * JVM (a Redis Cluster takes seconds to form; nine test classes should not pay that nine times)
 * and stopped when the JVM exits. {@link #open} empties the backend first.
 */
public enum KvBackends {

  MEMORY, REDIS_STANDALONE, REDIS_CLUSTER;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  private static EmbeddedRedisServer standalone;
  private static EmbeddedRedisCluster cluster;

  /** Blocks while starting or emptying Redis: call it from the test thread, not an event loop. */
  public Future<KvStore> open(Vertx vertx, KvKeys keys) {
    return switch (this) {
      case MEMORY -> MemoryKvStore.open(vertx, null, keys).map(store -> store);
      case REDIS_STANDALONE -> {
        EmbeddedRedisServer redis = standalone();
        redis.flushAll();
        yield Future.succeededFuture(RedisKvStore.create(vertx,
            new RedisOptions().setType(RedisClientType.STANDALONE).setConnectionString(redis.endpoint()), keys, COMMAND_TIMEOUT));
      }
      case REDIS_CLUSTER -> {
        EmbeddedRedisCluster redis = cluster();
        redis.flushAll();
        yield Future.succeededFuture(RedisKvStore.create(vertx,
            new RedisOptions().setType(RedisClientType.CLUSTER).setEndpoints(redis.endpoints()), keys, COMMAND_TIMEOUT));
      }
    };
  }

  private static synchronized EmbeddedRedisServer standalone() {
    if (standalone == null) {
      standalone = EmbeddedRedisServer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(standalone::close));
    }
    return standalone;
  }

  private static synchronized EmbeddedRedisCluster cluster() {
    if (cluster == null) {
      cluster = EmbeddedRedisCluster.start();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    }
    return cluster;
  }
}
