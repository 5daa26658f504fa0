package io.edgeroute.router;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An origin answer's body as a Vert.x stream, for the response cache ({@link CacheOriginFetch}),
 * which reads bodies through {@code ReadStream}. It starts paused: nothing is read from the origin
 * beyond what already arrived until the reader asks. Use from the connection's event loop only.
 */
final class OriginBodyStream implements ReadStream<Buffer>, OriginCall.Body {

  private final OriginCall call;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  /** Chunks the reader asked for and has not had yet; {@code Long.MAX_VALUE} when flowing. */
  private long demand;

  /** Takes the body of {@code call}, paused. */
  OriginBodyStream(OriginCall call) {
    this.call = call;
    call.pause();
    call.relay(this);
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    this.handler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    call.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (amount > 0) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      call.resume();
    }
    return this;
  }

  @Override
  public void chunk(Buffer chunk) {
    if (demand != Long.MAX_VALUE && --demand == 0) {
      call.pause();
    }
    Handler<Buffer> current = handler;
    if (current != null) {
      current.handle(chunk);
    }
  }

  @Override
  public void end(Buffer last) {
    if (last != null) {
      chunk(last);
    }
    Handler<Void> current = endHandler;
    if (current != null) {
      current.handle(null);
    }
  }

  @Override
  public void broken(Throwable failure) {
    Handler<Throwable> current = exceptionHandler;
    if (current != null) {
      current.handle(failure);
    }
  }
}
