package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.ArrayList;
import java.util.List;

/**
 * The one key-value store behind Edgeroute: the embedded memory store or Redis (standalone,
 * cluster, sentinel). Keys are full keys, built by {@link KvKeys}. Values are UTF-8 JSON documents
 * whose top-level {@code "version"} number is what compare-and-set compares (0 when absent).
 *
 * <p>Only {@link #getAll} reads more than one key, and it splits what a Redis Cluster could not
 * answer at once, so every call is safe on a cluster.
 * Operations fail with {@link KvConflictException} on a version mismatch and with
 * {@link KvUnavailableException} when the backend cannot be reached.
 */
public interface KvStore {

  /** Passed as {@code expectedVersion}: write whatever is stored. */
  long ANY_VERSION = -1;
  /** Passed as {@code expectedVersion}: write only if the key does not exist. */
  long ABSENT = 0;

  /** @return a future completed with the stored entry, or {@code null} when the key is absent */
  Future<KvEntry> get(String key);

  /**
   * Reads several keys: one command where the backend can answer it so (Redis {@code MGET}), else
   * one {@link #get} after the other, so that a long list never takes more of a connection pool
   * than one read does.
   *
   * @return a future completed with one element per key, in the order given, {@code null} for an
   *     absent key; failed as {@link #get} fails, at the first read that fails
   */
  default Future<List<KvEntry>> getAll(List<String> keys) {
    List<KvEntry> entries = new ArrayList<>(keys.size());
    Future<Void> reads = Future.succeededFuture();
    for (String key : keys) {
      // Each read starts once the one before it has answered, so each adds to the list in turn.
      reads = reads.compose(v -> get(key).map(entry -> {
        entries.add(entry);
        return null;
      }));
    }
    return reads.map(v -> entries);
  }

  /**
   * Stores {@code value} under {@code key} if the stored version equals {@code expectedVersion}
   * ({@link #ABSENT}: the key must not exist; {@link #ANY_VERSION}: unconditional). The check and
   * the write are one atomic step on the server. A present document without a {@code "version"}
   * has version 0 yet is not absent: only {@link #ANY_VERSION} overwrites it. An expected version
   * below {@link #ANY_VERSION} fails with {@link IllegalArgumentException}.
   *
   * @return a future completed when written, failed with {@link KvConflictException} (carrying the
   *     stored version, 0 when absent) when the versions differ
   */
  Future<Void> put(String key, String value, long expectedVersion);

  /**
   * Deletes {@code key} if its stored version equals {@code expectedVersion}
   * ({@link #ANY_VERSION}: unconditional). An absent key is not a conflict, whatever version was
   * expected: the delete answers {@code false}, so retrying a delete is harmless.
   *
   * @return a future completed with {@code true} when a value was deleted, {@code false} when the
   *     key was absent; failed with {@link KvConflictException} when the versions differ
   */
  Future<Boolean> delete(String key, long expectedVersion);

  /**
   * One page of the keys starting with {@code prefix}. Pass {@code null} as the cursor for the first
   * page and the returned {@link KvPage#next()} for the following ones, until it is {@code null}.
   * Like Redis {@code SCAN}, a page may hold fewer or more than {@code count} keys, and a key
   * written during the scan may or may not be seen; every key present throughout is seen once.
   */
  Future<KvPage> scan(String prefix, String cursor, int count);

  /** Adds {@code member} to the set at {@code key} (idempotent). */
  Future<Void> addToSet(String key, String member);

  /** Removes {@code member} from the set at {@code key} (idempotent). */
  Future<Void> removeFromSet(String key, String member);

  /** @return a future completed with the members of the set at {@code key}, sorted; empty when absent */
  Future<List<String>> members(String key);

  /** Publishes {@code change} on the change channel ({@link KvKeys#changesChannel()}). */
  Future<Void> publish(KvChange change);

  /**
   * Delivers every change published on the change channel, by any writer, to {@code handler} on
   * the caller's context. The subscription survives backend restarts: it reconnects and
   * re-subscribes by itself until closed.
   *
   * @return a future completed once the subscription is active
   */
  Future<KvSubscription> subscribe(Handler<KvChange> handler);

  /**
   * As {@link #subscribe(Handler)}, and runs {@code onResumed} on the caller's context each time
   * the subscription is active again after it was lost: changes published while it was down were
   * not delivered and never will be (pub/sub keeps nothing), so the subscriber must catch up by
   * other means. A store whose subscription cannot be lost (the memory store) never runs it.
   */
  default Future<KvSubscription> subscribe(Handler<KvChange> handler, Runnable onResumed) {
    return subscribe(handler);
  }

  /** @return a future completed when the backend answers, failed with {@link KvUnavailableException} otherwise */
  Future<Void> ping();

  /** Releases connections and, for the memory store, flushes to disk. */
  Future<Void> close();
}
