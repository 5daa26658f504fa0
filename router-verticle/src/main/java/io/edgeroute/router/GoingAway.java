package io.edgeroute.router;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ends a WebSocket tunnel when the router drains (SPEC §8): both ends get a close frame with
 * status 1001 Going Away (RFC 6455 §7.4.1), so browsers and origins see an orderly close and
 * reconnect elsewhere, not a reset. The tunnel is raw bytes, so the frames are written by hand:
 * unmasked towards the visitor (a server's frame), masked towards the origin (a client's).
 */
final class GoingAway {

  /** RFC 6455 §7.4.1: the endpoint is going away (a server going down). */
  static final int STATUS = 1001;
  /** Left to the tunnel before the drain's deadline: it closes last, but before it is cut. */
  static final long MARGIN_MS = 500;

  /**
   * The live {@code shutdown.timeout} in ms. Process-wide like the signal that starts a drain; set
   * by every router instance from the same configuration snapshot.
   */
  private static volatile long drainMillis = 30_000;

  private GoingAway() {
  }

  /** Applies a live {@code shutdown.timeout}. */
  static void drainTimeout(long millis) {
    drainMillis = millis;
  }

  /**
   * When the server starts shutting down, lets the tunnel run until shortly before the drain
   * deadline (requests in flight finish first), then closes it with 1001 on both sides.
   *
   */
  static void onShutdown(Vertx vertx, NetSocket visitor, NetSocket origin) {
    visitor.shutdownHandler(v -> {
      long wait = Math.max(1, drainMillis - MARGIN_MS);
      vertx.setTimer(wait, id -> close(visitor, origin));
    });
  }

  /** Writes the close frames and closes both sockets. */
  static void close(NetSocket visitor, NetSocket origin) {
    visitor.write(frame(false)).eventually(visitor::close);
    origin.write(frame(true)).eventually(origin::close);
  }

  /** @return a close frame carrying {@link #STATUS}, masked with a random key when {@code masked} */
  static Buffer frame(boolean masked) {
    byte[] payload = {(byte) (STATUS >> 8), (byte) STATUS};
    Buffer frame = Buffer.buffer().appendByte((byte) 0x88);
    if (!masked) {
      return frame.appendByte((byte) payload.length).appendBytes(payload);
    }
    byte[] key = new byte[4];
    ThreadLocalRandom.current().nextBytes(key);
    frame.appendByte((byte) (0x80 | payload.length)).appendBytes(key);
    for (int i = 0; i < payload.length; i++) {
      frame.appendByte((byte) (payload[i] ^ key[i % 4]));
    }
    return frame;
  }
}
