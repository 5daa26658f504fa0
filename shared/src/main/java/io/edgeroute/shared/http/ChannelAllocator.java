package io.edgeroute.shared.http;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;

/**
 * The allocator of the router's visitor and origin connections: Netty's default allocator for
 * buffers of up to {@value #SMALL_MAX} bytes, Netty's pooled allocator for larger ones.
 *
 * <p>Why: Netty 4.2's default, adaptive allocator pools no buffer larger than 16,896 bytes when the
 * JVM's maximum heap is 512 MiB or less (its low-memory mode, which a heap of exactly 512 MiB is
 * in): each larger one is a new region of direct memory, zeroed, then freed through a cleaner. A
 * connection's read buffer grows to 64 KiB while large bodies arrive, so every read of a 64 KiB
 * answer from an origin was such an allocation: 8 % of a proxied 64 KiB request's event loop in a
 * CPU profile under a 512 MiB heap, about 1 % through this allocator and the pooled allocator's
 * arenas instead. Small buffers, nearly all of them, stay with the default, which measured cheaper
 * for them. On a larger heap the adaptive allocator pools large buffers itself; they still go to
 * the pooled one, so a node's allocations do not depend on its heap size.
 *
 * <p>Vert.x still copies what either allocator hands out before user code sees it (it recognises
 * both), so no pooled memory escapes to code that would not give it back.
 */
public final class ChannelAllocator extends AbstractByteBufAllocator {

  /** The largest buffer Netty's adaptive allocator pools in its low-memory mode. */
  static final int SMALL_MAX = 16_896;

  private static final ChannelAllocator INSTANCE =
      new ChannelAllocator(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT);

  private final ByteBufAllocator small;
  private final ByteBufAllocator large;

  ChannelAllocator(ByteBufAllocator small, ByteBufAllocator large) {
    super(PlatformDependent.directBufferPreferred());
    this.small = small;
    this.large = large;
  }

  /**
   * Makes {@code channel} allocate through this allocator, from its next buffer on, when Netty's
   * default is the adaptive allocator; an allocator chosen with {@code -Dio.netty.allocator.type}
   * is left as it is.
   */
  public static void install(Channel channel) {
    if (ByteBufAllocator.DEFAULT instanceof AdaptiveByteBufAllocator) {
      channel.config().setAllocator(INSTANCE);
    }
  }

  /** @return the allocator {@link #install} gives a channel */
  static ChannelAllocator instance() {
    return INSTANCE;
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return (initialCapacity > SMALL_MAX ? large : small).directBuffer(initialCapacity, maxCapacity);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return small.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return true;
  }
}
