package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The embedded default store ({@code kv.type = memory}): data in memory, shared safely by verticles
 * on every event loop, saved to one JSON file (see {@link MemoryKvFile}) shortly after each change
 * and on {@link #close()}, change messages delivered in-process.
 *
 * <p>Both maps are sorted so that {@link #scan} can resume after the last key it returned, which
 * gives SCAN's guarantee (every key present throughout is seen exactly once) without a snapshot.
 * Sets are stored as immutable sorted copies, replaced whole on each change.
 */
public final class MemoryKvStore implements KvStore {

  private final ConcurrentSkipListMap<String, String> values;
  private final ConcurrentSkipListMap<String, NavigableSet<String>> sets;
  private final LocalSubscribers subscribers;
  private final MemoryKvPersistence persistence;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MemoryKvStore(Vertx vertx, MemoryKvFile file, MemoryKvFile.Contents contents) {
    this.values = new ConcurrentSkipListMap<>(contents.values());
    this.sets = new ConcurrentSkipListMap<>();
    contents.sets().forEach((k, members) -> sets.put(k, Collections.unmodifiableNavigableSet(new TreeSet<>(members))));
    this.subscribers = new LocalSubscribers(vertx);
    this.persistence = file == null ? null
        : new MemoryKvPersistence(vertx, file, () -> new MemoryKvPersistence.Snapshot(values, sets));
  }

  /**
   * Opens the store, reading {@code file} off the event loop when it exists.
   *
   * @param file where the data is kept, {@code null} for a store that lives only in memory
   * @param keys the key schema (kept for symmetry with the Redis store; the memory channel is
   *     in-process and needs no name)
   * @return a future completed with the store, failed with an {@link IllegalStateException} naming
   *     the file when it exists but cannot be read or parsed
   */
  public static Future<MemoryKvStore> open(Vertx vertx, Path file, KvKeys keys) {
    if (file == null) {
      return Future.succeededFuture(new MemoryKvStore(vertx, null, MemoryKvFile.Contents.empty()));
    }
    MemoryKvFile kvFile = new MemoryKvFile(file);
    return vertx.executeBlocking(kvFile::read, false)
        .map(contents -> new MemoryKvStore(vertx, kvFile, contents));
  }

  @Override
  public Future<KvEntry> get(String key) {
    return run(() -> {
      String value = values.get(key);
      return value == null ? null : KvEntry.of(key, value);
    });
  }

  @Override
  public Future<Void> put(String key, String value, long expectedVersion) {
    return mutate(() -> {
      KvVersions.requireValid(expectedVersion);
      // compute() on a skip list may re-run the function under contention, but the final swap is
      // atomic, so the check always sees the value it replaces.
      values.compute(key, (k, current) -> {
        KvVersions.check(key, current, expectedVersion);
        return value;
      });
      return null;
    });
  }

  @Override
  public Future<Boolean> delete(String key, long expectedVersion) {
    return mutate(() -> {
      KvVersions.requireValid(expectedVersion);
      boolean[] deleted = new boolean[1];
      values.compute(key, (k, current) -> {
        // Deleting an absent key is not a conflict whatever was expected: the caller's goal holds.
        deleted[0] = current != null;
        if (current != null) {
          KvVersions.check(key, current, expectedVersion);
        }
        return null;
      });
      return deleted[0];
    });
  }

  @Override
  public Future<KvPage> scan(String prefix, String cursor, int count) {
    return run(() -> {
      // The cursor is the last key returned; both maps are read from just after it, then merged.
      String from = cursor == null || cursor.compareTo(prefix) < 0 ? prefix : cursor;
      boolean inclusive = cursor == null || cursor.compareTo(prefix) < 0;
      TreeSet<String> page = new TreeSet<>();
      collect(values.tailMap(from, inclusive).navigableKeySet(), prefix, count, page);
      collect(sets.tailMap(from, inclusive).navigableKeySet(), prefix, count, page);
      List<String> keys = new ArrayList<>(page).subList(0, Math.min(count, page.size()));
      String next = keys.size() < count ? null : keys.get(keys.size() - 1);
      return new KvPage(keys, next);
    });
  }

  @Override
  public Future<Void> addToSet(String key, String member) {
    return mutate(() -> {
      sets.compute(key, (k, current) -> {
        TreeSet<String> copy = current == null ? new TreeSet<>() : new TreeSet<>(current);
        copy.add(member);
        return Collections.unmodifiableNavigableSet(copy);
      });
      return null;
    });
  }

  @Override
  public Future<Void> removeFromSet(String key, String member) {
    return mutate(() -> {
      sets.computeIfPresent(key, (k, current) -> {
        TreeSet<String> copy = new TreeSet<>(current);
        copy.remove(member);
        // Like Redis, an emptied set no longer exists.
        return copy.isEmpty() ? null : Collections.unmodifiableNavigableSet(copy);
      });
      return null;
    });
  }

  @Override
  public Future<List<String>> members(String key) {
    return run(() -> List.copyOf(sets.getOrDefault(key, Collections.emptyNavigableSet())));
  }

  @Override
  public Future<Void> publish(KvChange change) {
    return run(() -> {
      subscribers.publish(change);
      return null;
    });
  }

  @Override
  public Future<KvSubscription> subscribe(Handler<KvChange> handler) {
    return run(() -> subscribers.subscribe(handler));
  }

  @Override
  public Future<Void> ping() {
    return run(() -> null);
  }

  /** Stops delivery and writes the data to the file one last time; later calls fail. */
  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    subscribers.clear();
    return persistence == null ? Future.succeededFuture() : persistence.close();
  }

  private static void collect(NavigableSet<String> keys, String prefix, int count, TreeSet<String> into) {
    int taken = 0;
    for (String key : keys) {
      if (!key.startsWith(prefix) || taken++ >= count) {
        return;
      }
      into.add(key);
    }
  }

  private <T> Future<T> mutate(Supplier<T> change) {
    return run(() -> {
      T result = change.get();
      if (persistence != null) {
        persistence.markDirty();
      }
      return result;
    });
  }

  /** Every call is a few map operations: done inline, with failures turned into failed futures. */
  private <T> Future<T> run(Supplier<T> operation) {
    if (closed.get()) {
      return Future.failedFuture(new KvUnavailableException("the memory KV store is closed", null));
    }
    try {
      return Future.succeededFuture(operation.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
