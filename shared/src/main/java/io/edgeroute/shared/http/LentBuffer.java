package io.edgeroute.shared.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A body chunk read from an origin, lent to Vert.x in the pooled direct memory it was read into,
 * instead of being copied to the heap.
 *
 * <p>Why: Vert.x copies every chunk a connection reads from its pooled allocator into a new heap
 * buffer (so that user code can never hold pooled memory), and the transport copies it back into
 * direct memory to write it to the visitor. At 64 KiB per answer that was an eighth of the proxied
 * path's CPU and most of its garbage. Vert.x passes a buffer through as it is when its allocator is
 * not a pooled one, so the pooled chunk travels inside this unpooled view of its memory.
 *
 * <p>Who returns it: the code that writes a chunk to the visitor calls {@link #giveBack} once the
 * write has completed, and code that throws a body away does so as it goes. Vert.x itself drops
 * chunks in a few places without releasing them (a response read after its request was reset,
 * chunks queued for a paused response nobody resumes). For those, each lent buffer is registered
 * with a {@link Cleaner}: once the view is unreachable, the pooled chunk goes back to its pool. The
 * cleaner's action runs at most once, so a chunk is never released twice, whichever way it goes back.
 *
 * <p>Only large direct chunks are lent ({@link #MIN_BYTES}): copying a small one costs less than
 * registering it.
 */
public final class LentBuffer extends UnpooledDirectByteBuf {

  /** The smallest chunk worth lending rather than letting Vert.x copy it. */
  public static final int MIN_BYTES = 8 * 1024;

  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong OUTSTANDING = new AtomicLong();

  private final Cleaner.Cleanable cleanable;

  private LentBuffer(ByteBuf pooled) {
    super(UnpooledByteBufAllocator.DEFAULT, pooled.nioBuffer(pooled.readerIndex(), pooled.readableBytes()),
        pooled.readableBytes());
    OUTSTANDING.incrementAndGet();
    this.cleanable = CLEANER.register(this, new GiveBack(pooled));
  }

  /**
   * @param chunk a chunk just read, owned by the caller
   * @return {@code chunk} lent in a view that owns it, or {@code chunk} itself when it is too small
   *     or not in a single region of direct memory
   */
  public static ByteBuf lend(ByteBuf chunk) {
    if (chunk.readableBytes() < MIN_BYTES || !chunk.isDirect() || chunk.nioBufferCount() != 1) {
      return chunk;
    }
    return new LentBuffer(chunk);
  }

  /** @return whether {@code buffer} is a lent chunk not yet given back */
  public static boolean isLent(Buffer buffer) {
    return buffer instanceof BufferImpl impl && impl.byteBuf() instanceof LentBuffer lent && lent.refCnt() > 0;
  }

  /**
   * Returns a lent chunk to its pool now; anything else is left alone, as is a chunk already given
   * back. Call on the thread that has the buffer, once nothing will read it any more.
   */
  public static void giveBack(Buffer buffer) {
    if (isLent(buffer)) {
      ((BufferImpl) buffer).byteBuf().release();
    }
  }

  /** @return how many lent chunks have not yet gone back to their pool, on this node */
  public static long outstanding() {
    return OUTSTANDING.get();
  }

  @Override
  protected void deallocate() {
    // The view does not own its memory (it never frees it); the pooled chunk behind it goes back.
    super.deallocate();
    cleanable.clean();
  }

  /** The cleaner's action: must not refer to the view, or the view would never become unreachable. */
  private record GiveBack(ByteBuf pooled) implements Runnable {
    @Override
    public void run() {
      OUTSTANDING.decrementAndGet();
      pooled.release();
    }
  }
}
