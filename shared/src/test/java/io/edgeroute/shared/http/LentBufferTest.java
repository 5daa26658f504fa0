package io.edgeroute.shared.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.testing.Await;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LentBufferTest {

  @Test
  void aLargePooledDirectChunkIsLentAndVertxPassesItOnWithoutACopy() {
    byte[] bytes = bytes(LentBuffer.MIN_BYTES, 1);
    ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 100);
    pooled.writeZero(100).writeBytes(bytes).skipBytes(100);

    ByteBuf lent = LentBuffer.lend(pooled);
    assertInstanceOf(LentBuffer.class, lent);
    // What Vert.x does with every chunk a connection reads: a pooled one would be copied to the heap.
    Buffer seen = BufferInternal.safeBuffer(lent);
    assertSame(lent, ((BufferImpl) seen).byteBuf());
    assertArrayEquals(bytes, seen.getBytes());
    assertEquals(1, pooled.refCnt());

    LentBuffer.giveBack(seen);
    assertEquals(0, pooled.refCnt());
  }

  @Test
  void aChunkGivenBackTwiceGoesBackOnce() {
    ByteBuf chunk = UnpooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeBytes(bytes(LentBuffer.MIN_BYTES, 2));
    chunk.retain();
    Buffer seen = BufferInternal.buffer(LentBuffer.lend(chunk));

    LentBuffer.giveBack(seen);
    LentBuffer.giveBack(seen);
    assertEquals(1, chunk.refCnt(), "released by the lent view once, the test's own reference left");
    chunk.release();
  }

  @Test
  void smallHeapOrScatteredChunksAreNotLent() {
    ByteBuf small = PooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeZero(LentBuffer.MIN_BYTES - 1);
    ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(2 * LentBuffer.MIN_BYTES).writeZero(2 * LentBuffer.MIN_BYTES);
    CompositeByteBuf scattered = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer();
    scattered.addComponents(true,
        PooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeZero(LentBuffer.MIN_BYTES),
        PooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeZero(LentBuffer.MIN_BYTES));
    try {
      assertSame(small, LentBuffer.lend(small));
      assertSame(heap, LentBuffer.lend(heap));
      assertSame(scattered, LentBuffer.lend(scattered));
    } finally {
      small.release();
      heap.release();
      scattered.release();
    }
  }

  @Test
  void aLentChunkNobodyGivesBackGoesBackOnceItsViewIsUnreachable() {
    long before = LentBuffer.outstanding();
    // Unpooled, so the released object is never recycled for another buffer while the test looks at it.
    ByteBuf chunk = UnpooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeBytes(bytes(LentBuffer.MIN_BYTES, 3));
    dropLent(chunk);
    assertEquals(1, chunk.refCnt(), "still lent while its view may be reachable");
    Await.until("the dropped chunk back in its pool", () -> {
      System.gc();
      return chunk.refCnt() == 0;
    });
    Await.until("no chunk counted as lent", () -> LentBuffer.outstanding() == before);
  }

  @Test
  void aWrittenChunkCountsAsLentUntilItIsGivenBack() {
    long before = LentBuffer.outstanding();
    ByteBuf chunk = UnpooledByteBufAllocator.DEFAULT.directBuffer(LentBuffer.MIN_BYTES).writeBytes(bytes(LentBuffer.MIN_BYTES, 4));
    Buffer seen = BufferInternal.buffer(LentBuffer.lend(chunk));
    assertEquals(before + 1, LentBuffer.outstanding());
    assertTrue(LentBuffer.isLent(seen));
    assertFalse(LentBuffer.isLent(Buffer.buffer(new byte[LentBuffer.MIN_BYTES])), "a heap buffer is nobody's loan");
    // A transport writes a slice Vert.x makes unreleasable: the write alone gives nothing back.
    ByteBuf written = ((BufferInternal) seen).getByteBuf();
    written.release();
    assertEquals(1, chunk.refCnt());
    LentBuffer.giveBack(seen);
    assertFalse(LentBuffer.isLent(seen), "given back");
    assertEquals(before, LentBuffer.outstanding());
    assertEquals(0, chunk.refCnt());
  }

  /** Lends {@code chunk} and forgets the view, as Vert.x does with a chunk of a reset response. */
  private static void dropLent(ByteBuf chunk) {
    ByteBuf lent = LentBuffer.lend(chunk);
    assertInstanceOf(LentBuffer.class, lent);
  }

  private static byte[] bytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
