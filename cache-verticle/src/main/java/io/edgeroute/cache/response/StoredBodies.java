package io.edgeroute.cache.response;

import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Where the response cache keeps a body's bytes. A large body goes to direct memory, outside the
 * heap, so that every hit is written to the visitor's socket straight from it. From the heap, the
 * transport first copies each hit's body into direct memory to hand it to the kernel, and at 64 KiB
 * that copy of memory no one has touched lately costs about a sixth of a hit (docs/performance.md).
 *
 * <p>Safety: the memory is the JDK's ({@link ByteBuffer#allocateDirect}), freed by the garbage
 * collector once nothing refers to it. A write in flight refers to it, so it can never be freed,
 * or given to another body, while a visitor's socket still reads it, whatever happens to the stored
 * entry meanwhile: no reference counting to get wrong.
 *
 * <p>Bound: the JDK caps its direct memory ({@code -XX:MaxDirectMemorySize}, by default the heap's
 * maximum) and, when an allocation would pass the cap, stops the allocating thread for a full
 * collection. So a body goes to direct memory only while the JDK's direct buffers, stored bodies
 * evicted but not yet collected included, hold less than half the cap; past it the body stays in
 * the heap, as every body did before. The store's {@code responseCache.maxBytes} bounds the bodies
 * wherever they are; what moves out of the heap adds to the process's memory beside it.
 */
public final class StoredBodies {

  /** The smallest body kept in direct memory: below it, the transport's copy costs next to nothing. */
  public static final int MIN_DIRECT_BYTES = 8 * 1024;

  private final long directBudget;
  private final LongSupplier directInUse;

  /** The node's: half of the JDK's direct memory cap, measured against what its direct buffers hold. */
  public static StoredBodies ofThisJvm() {
    BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).findFirst().orElse(null);
    if (direct == null) {
      // A JVM that does not report its direct memory: every body stays in the heap.
      return new StoredBodies(0, () -> 0);
    }
    return new StoredBodies(PlatformDependent.estimateMaxDirectMemory() / 2, direct::getMemoryUsed);
  }

  /**
   * @param directBudget how many bytes of direct memory may be in use, bodies included, for a body
   *     to go there; 0 keeps every body in the heap
   * @param directInUse how many bytes of direct memory are in use now
   */
  public StoredBodies(long directBudget, LongSupplier directInUse) {
    this.directBudget = directBudget;
    this.directInUse = directInUse;
  }

  /**
   * @param collected the body as collected from the origin, not used by the caller afterwards
   * @param exact whether {@code collected} has no spare capacity (it was sized by {@code Content-Length})
   * @return the bytes to store: a direct copy for a large body while the budget allows, else
   *     {@code collected} itself when exact, else an exact heap copy (the store counts bytes)
   */
  public Buffer kept(Buffer collected, boolean exact) {
    int length = collected.length();
    if (length >= MIN_DIRECT_BYTES && directInUse.getAsLong() + length <= directBudget) {
      ByteBuffer memory = ByteBuffer.allocateDirect(length);
      memory.put(((BufferInternal) collected).getByteBuf().nioBuffer()).flip();
      return BufferInternal.buffer(Unpooled.wrappedBuffer(memory));
    }
    return exact ? collected : collected.copy();
  }

  /** @return whether {@code body} is kept in direct memory */
  public static boolean isDirect(Buffer body) {
    return ((BufferInternal) body).getByteBuf().isDirect();
  }
}
