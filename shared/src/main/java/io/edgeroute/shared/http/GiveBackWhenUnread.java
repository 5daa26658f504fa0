package io.edgeroute.shared.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An origin body whose reader, when it stops reading ({@code handler(null)}, as a pipe does when
 * it ends or fails), leaves {@link LentBuffer#giveBack} in its place: a pipe to a visitor who left
 * resumes its source to empty it, and the chunks Vert.x had queued then go back to their pool at
 * once instead of being dropped for the garbage collector to find.
 */
public final class GiveBackWhenUnread implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;

  private GiveBackWhenUnread(ReadStream<Buffer> source) {
    this.source = source;
  }

  /** @return {@code body} with unread chunks given back */
  public static ReadStream<Buffer> of(ReadStream<Buffer> body) {
    return new GiveBackWhenUnread(body);
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    source.handler(handler != null ? handler : LentBuffer::giveBack);
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
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
    source.endHandler(endHandler);
    return this;
  }
}
