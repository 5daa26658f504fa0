package io.edgeroute.cache.response;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Passes an origin body through unchanged while handing each chunk, the end and a failure to a
 * {@link BodyCollector}. Flow control is the consumer's: pause, resume and fetch go straight to
 * the origin stream, so the visitor's pace is the origin's pace and nothing is buffered beyond
 * what the collector keeps.
 */
final class TeeStream implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final BodyCollector collector;
  private boolean ended;

  TeeStream(ReadStream<Buffer> source, BodyCollector collector) {
    this.source = source;
    this.collector = collector;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(error -> {
      collector.fail(error);
      if (handler != null) {
        handler.handle(error);
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      // The consumer stopped reading (a pipe unsets its handlers when it ends or fails): whatever
      // arrives from now on is not seen, so an end after this must not store a short body.
      source.handler(null);
      if (!ended) {
        collector.fail(new IllegalStateException("body no longer read"));
      }
    } else {
      source.handler(chunk -> {
        collector.chunk(chunk);
        handler.handle(chunk);
      });
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(v -> {
      ended = true;
      collector.end();
      if (endHandler != null) {
        endHandler.handle(v);
      }
    });
    return this;
  }

  /** Receives the body as it passes; called on the origin stream's context. */
  interface BodyCollector {
    void chunk(Buffer chunk);

    void end();

    void fail(Throwable error);
  }
}
