package io.edgeroute.router.acme;

import io.edgeroute.shared.kv.KvConflictException;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/**
 * One ACME order per name cluster-wide (SPEC §9): {@code acme-lock:<host>} holds
 * {@code {"owner", "expires", "version"}}, taken with the store's compare-and-set (create if absent,
 * or replace an expired holder at its version), so it works the same on the memory store, Redis
 * and Redis Cluster. The expiry is the lock's TTL: a node that dies while ordering holds the name
 * for at most {@link #TTL}.
 */
final class OrderLock {

  /** Longer than an order can take: three steps of at most a minute each, and some margin. */
  static final Duration TTL = Duration.ofMinutes(5);

  private final KvStore store;
  private final KvKeys keys;
  private final String owner = UUID.randomUUID().toString();

  OrderLock(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** @return a future completed with whether this node now holds the lock of {@code host} */
  Future<Boolean> acquire(String host) {
    String key = keys.acmeLock(host);
    return store.get(key).compose(entry -> {
      long now = System.currentTimeMillis();
      if (entry == null) {
        return put(key, 1, KvStore.ABSENT, now);
      }
      JsonObject held = new JsonObject(entry.value());
      if (held.getLong("expires", 0L) > now) {
        return Future.succeededFuture(false);
      }
      long version = held.getLong("version", 0L);
      return put(key, version + 1, version, now);
    });
  }

  /** Releases the lock of {@code host} if this node still holds it. */
  Future<Void> release(String host) {
    String key = keys.acmeLock(host);
    return store.get(key).compose(entry -> {
      if (entry == null || !owner.equals(new JsonObject(entry.value()).getString("owner"))) {
        return Future.succeededFuture();
      }
      return store.delete(key, new JsonObject(entry.value()).getLong("version", 0L)).<Void>mapEmpty()
          .recover(e -> e instanceof KvConflictException ? Future.succeededFuture() : Future.failedFuture(e));
    });
  }

  private Future<Boolean> put(String key, long version, long expected, long now) {
    JsonObject doc = new JsonObject().put("owner", owner).put("expires", now + TTL.toMillis()).put("version", version);
    return store.put(key, doc.encode(), expected).map(true)
        .recover(e -> e instanceof KvConflictException ? Future.succeededFuture(false) : Future.failedFuture(e));
  }
}
