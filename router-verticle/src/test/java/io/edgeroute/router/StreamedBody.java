package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Large bodies made and checked as streams, never held whole: {@link #write} produces numbered
 * 64 KiB chunks while the destination has room (waiting for its drain otherwise), and a
 * {@link Tally} counts and checksums whatever arrives.
 */
final class StreamedBody {

  static final long MIB = 1024 * 1024;
  private static final int CHUNK = 64 * 1024;
  private static final byte[] PATTERN = new byte[CHUNK];

  static {
    new Random(3).nextBytes(PATTERN);
  }

  /** Bytes handed to the destination so far, and their checksum. */
  final AtomicLong written = new AtomicLong();
  private final CRC32 crc = new CRC32();
  private final long total;
  private final WriteStream<Buffer> out;
  private final Promise<Void> done = Promise.promise();
  private long index;

  private StreamedBody(WriteStream<Buffer> out, long total) {
    this.out = out;
    this.total = total;
  }

  /**
   * Starts writing {@code total} bytes to {@code out}, honouring its write queue; call on {@code out}'s context.
   */
  static StreamedBody write(WriteStream<Buffer> out, long total) {
    StreamedBody body = new StreamedBody(out, total);
    body.pump();
    return body;
  }

  /** @return a future completed when the last byte was written and the stream ended */
  Future<Void> done() {
    return done.future();
  }

  synchronized long checksum() {
    return crc.getValue();
  }

  private void pump() {
    while (written.get() < total) {
      if (out.writeQueueFull()) {
        out.drainHandler(v -> pump());
        return;
      }
      int size = (int) Math.min(CHUNK, total - written.get());
      Buffer chunk = Buffer.buffer(PATTERN.clone()).setLong(0, index++).slice(0, size);
      synchronized (this) {
        crc.update(chunk.getBytes());
      }
      written.addAndGet(size);
      out.write(chunk);
    }
    out.end().onComplete(done);
  }

  /**
   * Watches a byte counter until it stops moving: back-pressure has reached the writer. Polls every
   * 100 ms and calls it stalled after five unchanged readings; a pass cannot be faked by a slow
   * machine, because the test then asserts the writer is stuck short of the whole body.
   *
   * @return a future completed with the counter's value once it has stalled
   */
  static Future<Long> stalled(io.vertx.core.Vertx vertx, AtomicLong counter) {
    Promise<Long> stalled = Promise.promise();
    long[] last = {-1};
    int[] unchanged = {0};
    vertx.setPeriodic(100, id -> {
      long now = counter.get();
      unchanged[0] = now > 0 && now == last[0] ? unchanged[0] + 1 : 0;
      last[0] = now;
      if (unchanged[0] >= 5) {
        vertx.cancelTimer(id);
        stalled.complete(now);
      }
    });
    return stalled.future();
  }

  /** Counts and checksums the bytes of a body as they arrive. */
  static final class Tally implements Handler<Buffer> {

    private final CRC32 crc = new CRC32();
    private long count;

    @Override
    public synchronized void handle(Buffer chunk) {
      count += chunk.length();
      crc.update(chunk.getBytes());
    }

    synchronized long count() {
      return count;
    }

    synchronized long checksum() {
      return crc.getValue();
    }
  }
}
