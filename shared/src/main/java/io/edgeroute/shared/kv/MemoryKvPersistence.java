package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coalesced, off-loop saving of the memory store: a change marks the store dirty and schedules one
 * save at most {@link #DEFAULT_DELAY_MS} later, so a burst of writes costs one file write. Saves run
 * one at a time on a single-thread worker so an older snapshot can never overwrite a newer one.
 */
final class MemoryKvPersistence {

  /** How long changes are gathered before they are written, in milliseconds. */
  static final long DEFAULT_DELAY_MS = 200;

  private static final Logger LOG = Logger.getLogger(MemoryKvPersistence.class.getName());

  /** A consistent-enough copy of the data to write; taken on the worker, after the dirty flag is cleared. */
  record Snapshot(Map<String, String> values, Map<String, ? extends Iterable<String>> sets) {
  }

  private final Vertx vertx;
  private final MemoryKvFile file;
  private final Supplier<Snapshot> snapshot;
  private final WorkerExecutor worker;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  MemoryKvPersistence(Vertx vertx, MemoryKvFile file, Supplier<Snapshot> snapshot) {
    this.vertx = vertx;
    this.file = file;
    this.snapshot = snapshot;
    // One thread: saves are serialised in submission order.
    this.worker = vertx.createSharedWorkerExecutor("edgeroute-kv-file-" + file.path(), 1);
  }

  /** Called after every change; schedules a save unless one is already pending. */
  void markDirty() {
    if (!closed && scheduled.compareAndSet(false, true)) {
      vertx.setTimer(DEFAULT_DELAY_MS, id -> {
        // close() has saved everything already and released the worker.
        if (!closed) {
          save().onFailure(e -> LOG.log(Level.WARNING, "saving the KV store failed, will retry on the next change", e));
        }
      });
    }
  }

  /** @return a future completed once everything changed so far is on disk */
  Future<Void> save() {
    // Cleared before the copy is taken: a change racing with the copy schedules another save.
    scheduled.set(false);
    return worker.executeBlocking(() -> {
      Snapshot s = snapshot.get();
      file.write(s.values(), s.sets());
      return null;
    });
  }

  /** Saves once more and releases the worker. */
  Future<Void> close() {
    closed = true;
    return save().eventually(worker::close);
  }
}
