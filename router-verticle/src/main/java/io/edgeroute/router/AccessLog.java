package io.edgeroute.router;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
  private static final int BATCH_CHARS = BATCH * 320;
  /** How long the writer sleeps when the queue is empty: the most a line waits to be written. */
  static final long POLL_MILLIS = 20;

  private final BlockingQueue<AccessEntry> queue = new ArrayBlockingQueue<>(DEFAULT_CAPACITY);
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final Sink sink;
  /** Guarded by {@code this} ({@link #writeAll}). */
  private final AccessEntry.Clock clock = new AccessEntry.Clock();
  private StringBuilder lines = new StringBuilder(BATCH_CHARS);

  /** Where lines go: standard output or a file. Called on the writer thread only. */
  private interface Sink {
    void write(CharSequence lines) throws IOException;

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
      // Standard output through a large buffer of our own, so that System.out (whatever stands in
      // for it, such as a test runner's capture) gets one write per batch, not one per line; not a
      // logger, which builds a record per line: lines are data, not diagnostics (nginx's
      // access.log to error.log split); diagnostics go to standard error.
      return new AccessLog(writerSink(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), "");
    }
    try {
      Path path = Path.of(file);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      return new AccessLog(writerSink(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)), "-file");
    } catch (IOException e) {
      throw new UncheckedIOException("access log " + file + " cannot be opened: " + e.getMessage(), e);
    }
  }

  private static Sink writerSink(Writer target) {
    Writer out = new BufferedWriter(target, 64 * 1024);
    return new Sink() {
      @Override
      public void write(CharSequence lines) throws IOException {
        out.append(lines);
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
        if (queue.drainTo(batch, BATCH) > 0) {
          writeAll(batch);
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
   * At exit: what is still queued is written and flushed. {@link #writeAll} is synchronized, so
   * this waits for a batch the writer thread is in the middle of, and then flushes it too.
   */
  private void drainNow() {
    List<AccessEntry> rest = new ArrayList<>();
    queue.drainTo(rest);
    try {
      writeAll(rest);
      sink.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "access log not flushed at exit: " + e);
    }
  }

  /** One batch becomes one write: the lines are formatted into one buffer, reused from batch to batch. */
  private synchronized void writeAll(List<AccessEntry> batch) throws IOException {
    lines.setLength(0);
    for (AccessEntry entry : batch) {
      entry.appendTo(lines, clock).append('\n');
    }
    sink.write(lines);
    written.add(batch.size());
    if (lines.capacity() > 4 * BATCH_CHARS) {
      lines = new StringBuilder(BATCH_CHARS);
    }
  }
}
