package io.edgeroute.router;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The access log (SPEC §8): event loops {@link #offer} entries to a bounded queue, never waiting;
 * one background thread formats them as JSON lines and writes them to standard output or appends
 * them to a file, in batches, flushing whenever the queue runs empty. When the queue is full (the
 * disk or the log pipeline is slower than the traffic) an entry is dropped and counted
 * ({@code edgeroute_access_log_dropped_total}) rather than slowing the router down.
 *
 * <p>One per destination per process, shared by every router instance; a JVM shutdown hook writes
 * what is still queued.
 */
final class AccessLog {

  /** Entries waiting to be written before new ones are dropped: a few seconds at full speed. */
  static final int DEFAULT_CAPACITY = 65_536;

  private static final Logger LOG = Logger.getLogger(AccessLog.class.getName());
  private static final Map<String, AccessLog> OPEN = new ConcurrentHashMap<>();
  private static final int BATCH = 1_024;
  /** About a batch of typical lines. */
  private static final int BATCH_BYTES = BATCH * 320;
  /** How long the writer sleeps when the queue is empty: the most a line waits to be written. */
  static final long POLL_MILLIS = 20;

  /**
   * Many event loops offer, one thread at a time takes (under this object's lock): a lock-free
   * queue, so an event loop never waits for the writer, even when both share one core.
   */
  private final Queue<AccessEntry> queue = PlatformDependent.newFixedMpscQueue(DEFAULT_CAPACITY);
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final Sink sink;
  /** Guarded by {@code this} ({@link #writeAll}). */
  private final AccessEntry.Clock clock = new AccessEntry.Clock();
  private final LineBytes lines = new LineBytes(BATCH_BYTES);

  /** Where lines go: standard output or a file. Called on the writer thread only. */
  private interface Sink {
    void write(LineBytes lines) throws IOException;

    void flush() throws IOException;
  }

  private AccessLog(Sink sink, String name) {
    this.sink = sink;
    Thread writer = new Thread(this::drainForever, "edgeroute-access-log" + name);
    writer.setDaemon(true);
    writer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::drainNow, "edgeroute-access-log-flush"));
  }

  /**
   * @param file the file to append to, or {@code null} for standard output
   * @return the process's access log for that destination, started on first use
   * @throws UncheckedIOException when the file cannot be opened
   */
  static AccessLog to(String file) {
    return OPEN.computeIfAbsent(file == null ? "" : file, AccessLog::open);
  }

  private static AccessLog open(String file) {
    if (file.isEmpty()) {
      // Standard output, whatever stands in for it (such as a test runner's capture), one write per
      // batch, not one per line; not a logger, which builds a record per line: lines are data, not
      // diagnostics (nginx's access.log to error.log split); diagnostics go to standard error.
      return new AccessLog(streamSink(System.out), "");
    }
    try {
      Path path = Path.of(file);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      return new AccessLog(streamSink(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.WRITE)), "-file");
    } catch (IOException e) {
      throw new UncheckedIOException("access log " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Each batch is already one large write: no buffer of its own in front of {@code out}. */
  private static Sink streamSink(OutputStream out) {
    return new Sink() {
      @Override
      public void write(LineBytes lines) throws IOException {
        lines.writeTo(out);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }
    };
  }

  /** Queues {@code entry}; never blocks: a full queue drops it and counts the drop. */
  void offer(AccessEntry entry) {
    if (!queue.offer(entry)) {
      dropped.increment();
    }
  }

  /** @return entries dropped because the queue was full, since start */
  long dropped() {
    return dropped.sum();
  }

  /** @return lines written, since start */
  long written() {
    return written.sum();
  }

  /**
   * Writes what the event loops queued, in batches, and flushes when the queue has run empty. It
   * polls rather than waits on the queue: a waiting writer would make every {@link #offer} wake a
   * thread (a system call per request); polling costs one wake-up per {@link #POLL_MILLIS}.
   */
  private void drainForever() {
    List<AccessEntry> batch = new ArrayList<>(BATCH);
    boolean unflushed = false;
    while (true) {
      try {
        if (writeBatch(batch)) {
          unflushed = true;
        } else {
          if (unflushed) {
            sink.flush();
            unflushed = false;
          }
          Thread.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        // A full disk must not kill the writer: the lines of this batch are lost, later ones are tried.
        LOG.log(Level.WARNING, "access log write failed: " + e);
      }
      batch.clear();
    }
  }

  /**
   * At exit: what is still queued is written and flushed. The writer thread takes and writes each
   * batch under this object's lock, so this waits for a batch it is in the middle of, and then
   * flushes it too.
   */
  private synchronized void drainNow() {
    List<AccessEntry> rest = new ArrayList<>();
    take(rest, Integer.MAX_VALUE);
    try {
      writeAll(rest);
      sink.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "access log not flushed at exit: " + e);
    }
  }

  /** @return whether a batch was taken from the queue and written */
  private synchronized boolean writeBatch(List<AccessEntry> batch) throws IOException {
    if (take(batch, BATCH) == 0) {
      return false;
    }
    writeAll(batch);
    return true;
  }

  /** Takes up to {@code max} entries; the caller holds this object's lock (the queue's one consumer). */
  private int take(List<AccessEntry> into, int max) {
    AccessEntry entry;
    while (into.size() < max && (entry = queue.poll()) != null) {
      into.add(entry);
    }
    return into.size();
  }

  /** One batch becomes one write: the lines are formatted into one buffer, reused from batch to batch. */
  private synchronized void writeAll(List<AccessEntry> batch) throws IOException {
    lines.clear(4 * BATCH_BYTES);
    for (AccessEntry entry : batch) {
      entry.appendTo(lines, clock).ascii('\n');
    }
    sink.write(lines);
    written.add(batch.size());
  }
}
