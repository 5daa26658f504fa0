package io.edgeroute.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import org.junit.jupiter.api.Test;

class GiveBackWhenUnreadTest {

  /** A source that only remembers its handlers and delivers chunks when told. */
  private static final class Source implements ReadStream<Buffer> {
    Handler<Buffer> handler;
    Handler<Void> endHandler;
    long fetched;

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      this.handler = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      fetched = 0;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      fetched = Long.MAX_VALUE;
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      fetched += amount;
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      this.endHandler = endHandler;
      return this;
    }
  }

  @Test
  void aChunkArrivingOnceNobodyReadsGoesBackToItsPool() {
    Source source = new Source();
    ReadStream<Buffer> body = GiveBackWhenUnread.of(source);
    Handler<Buffer> reader = chunk -> { };
    body.handler(reader);
    assertSame(reader, source.handler, "a reader gets the chunks itself");

    body.handler(null);
    body.resume();
    assertNotNull(source.handler, "nobody reads: the chunks go back instead of being dropped");
    assertEquals(Long.MAX_VALUE, source.fetched);
    ByteBuf chunk = UnpooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeZero(LentBuffer.MIN_BYTES);
    source.handler.handle(BufferInternal.buffer(LentBuffer.lend(chunk)));
    assertEquals(0, chunk.refCnt());
  }

  @Test
  void theEndAndPacingReachTheSource() {
    Source source = new Source();
    ReadStream<Buffer> body = GiveBackWhenUnread.of(source);
    Handler<Void> end = v -> { };
    body.endHandler(end).pause().fetch(3);
    assertSame(end, source.endHandler);
    assertEquals(3, source.fetched);
  }
}
