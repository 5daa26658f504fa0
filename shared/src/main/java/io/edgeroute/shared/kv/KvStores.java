package io.edgeroute.shared.kv;

import io.edgeroute.shared.config.KvOptions;
import io.edgeroute.shared.config.RedisKvOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;

/** The one place that picks a {@link KvStore} backend from {@code kv.type}. */
public final class KvStores {

  private KvStores() {
  }

  /**
   * Opens the store {@code options} describe. A Redis store connects lazily, so it opens even while
   * Redis is down; {@link KvStore#ping()} tells whether it answers.
   *
   * @return a future completed with the open store, failed when the memory store's file is unreadable
   */
  public static Future<KvStore> open(Vertx vertx, KvOptions options) {
    KvKeys keys = keys(options);
    if (KvOptions.TYPE_REDIS.equals(options.getType())) {
      RedisKvOptions redis = options.getRedis();
      return Future.succeededFuture(RedisKvStore.create(vertx, redis.toRedisOptions(), keys, redis.getTimeout()));
    }
    Path file = options.getFile() == null || options.getFile().isBlank() ? null : Path.of(options.getFile());
    return MemoryKvStore.open(vertx, file, keys).map(store -> store);
  }

  /** The key schema for {@code options}: the Redis prefix applies to the memory store too. */
  public static KvKeys keys(KvOptions options) {
    return new KvKeys(options.getRedis().getPrefix());
  }
}
