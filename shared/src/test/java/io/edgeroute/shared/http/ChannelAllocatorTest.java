package io.edgeroute.shared.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelAllocatorTest {

  private final ChannelAllocator allocator = ChannelAllocator.instance();

  @Test
  void buffersUpToTheAdaptiveAllocatorsLargestPooledSizeComeFromNettysDefault() {
    for (int size : new int[] {1, 2048, ChannelAllocator.SMALL_MAX}) {
      ByteBuf direct = allocator.directBuffer(size);
      ByteBuf io = allocator.ioBuffer(size);
      ByteBuf heap = allocator.heapBuffer(size);
      try {
        assertSame(ByteBufAllocator.DEFAULT, direct.alloc(), "direct " + size);
        assertTrue(direct.isDirect());
        assertSame(ByteBufAllocator.DEFAULT, io.alloc(), "io " + size);
        assertSame(ByteBufAllocator.DEFAULT, heap.alloc(), "heap " + size);
        assertFalse(heap.isDirect());
      } finally {
        direct.release();
        io.release();
        heap.release();
      }
    }
  }

  @Test
  void largerDirectBuffersComeFromNettysPooledAllocator() {
    for (int size : new int[] {ChannelAllocator.SMALL_MAX + 1, 65_536, 1 << 20}) {
      ByteBuf direct = allocator.ioBuffer(size);
      try {
        assertInstanceOf(PooledByteBufAllocator.class, direct.alloc(), "io " + size);
        assertTrue(direct.isDirect());
        assertTrue(direct.capacity() >= size);
      } finally {
        direct.release();
      }
    }
    // Heap buffers are few and small on a connection (decoder scratch): the default serves them all.
    ByteBuf heap = allocator.heapBuffer(65_536);
    assertSame(ByteBufAllocator.DEFAULT, heap.alloc());
    heap.release();
  }

  @Test
  void aLargePooledReadIsStillCopiedByVertxBeforeUserCodeSeesIt() {
    byte[] bytes = new byte[65_536];
    new Random(3).nextBytes(bytes);
    ByteBuf read = allocator.ioBuffer(bytes.length).writeBytes(bytes);

    // What Vert.x does with every buffer a connection reads: pooled memory is copied and released.
    Buffer seen = BufferInternal.safeBuffer(read);
    assertNotSame(read, ((BufferImpl) seen).byteBuf());
    assertEquals(0, read.refCnt());
    assertArrayEquals(bytes, seen.getBytes());
    // And what the origin chunks do with it instead: lend it, pooled memory and all, without a copy.
    ByteBuf again = allocator.ioBuffer(bytes.length).writeBytes(bytes);
    ByteBuf lent = LentBuffer.lend(again);
    assertInstanceOf(LentBuffer.class, lent);
    lent.release();
    assertEquals(0, again.refCnt());
  }

  @Test
  void aSmallBufferThatGrowsPastTheLimitKeepsItsBytes() {
    byte[] bytes = new byte[3 * ChannelAllocator.SMALL_MAX];
    new Random(5).nextBytes(bytes);
    ByteBuf grown = allocator.ioBuffer(256);
    grown.writeBytes(bytes);
    byte[] read = new byte[bytes.length];
    grown.readBytes(read);
    assertArrayEquals(bytes, read);
    grown.release();
  }

  @Test
  void aChannelAllocatesThroughItWhenNettysDefaultIsTheAdaptiveAllocator() {
    // Netty 4.2's default, unless -Dio.netty.allocator.type says otherwise (the build sets nothing).
    assertInstanceOf(AdaptiveByteBufAllocator.class, ByteBufAllocator.DEFAULT);
    EmbeddedChannel channel = new EmbeddedChannel();
    ChannelAllocator.install(channel);
    assertSame(allocator, channel.config().getAllocator());
    assertSame(allocator, channel.alloc());
    channel.finishAndReleaseAll();
  }
}
