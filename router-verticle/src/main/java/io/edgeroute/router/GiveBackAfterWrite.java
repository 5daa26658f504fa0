package io.edgeroute.router;

import io.edgeroute.shared.http.LentBuffer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;
import java.util.function.Function;

/**
 * The visitor's response as the end of a body pipe: each chunk written is given back to its pool
 * ({@link LentBuffer#giveBack}) once the write has completed, successfully or not, when the
 * transport no longer reads it; a write refused outright gives it back at once.
 */
final class GiveBackAfterWrite implements WriteStream<Buffer> {

  private final HttpServerResponse response;

  GiveBackAfterWrite(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public Future<Void> write(Buffer chunk) {
    return giveBackAfter(chunk, response::write);
  }

  /** Writes {@code chunk} as the last of the response and ends it; gives it back as {@link #write} does. */
  @Override
  public Future<Void> end(Buffer chunk) {
    return giveBackAfter(chunk, response::end);
  }

  private static Future<Void> giveBackAfter(Buffer chunk, Function<Buffer, Future<Void>> write) {
    if (!LentBuffer.isLent(chunk)) {
      // A copied chunk (under LentBuffer.MIN_BYTES) is the garbage collector's: no listener needed.
      return write.apply(chunk);
    }
    Future<Void> written;
    try {
      written = write.apply(chunk);
    } catch (RuntimeException e) {
      LentBuffer.giveBack(chunk);
      throw e;
    }
    return written.andThen(x -> LentBuffer.giveBack(chunk));
  }

  @Override
  public Future<Void> end() {
    return response.end();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    response.exceptionHandler(handler);
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    response.setWriteQueueMaxSize(maxSize);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    response.drainHandler(handler);
    return this;
  }
}
