package io.edgeroute.cache.response;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Where a stored body's bytes go: direct memory for a large one within the budget, else the heap. */
class StoredBodiesTest {

  private static Buffer random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  @Test
  void aLargeBodyGoesToDirectMemoryAsAnIndependentCopyOfTheSameBytes() {
    Buffer collected = random(64 * 1024);
    byte[] expected = collected.getBytes();
    Buffer kept = new StoredBodies(1L << 30, () -> 0).kept(collected, true);
    assertTrue(StoredBodies.isDirect(kept));
    assertEquals(expected.length, kept.length());
    assertArrayEquals(expected, kept.getBytes());
    collected.setByte(0, (byte) (expected[0] + 1));
    assertEquals(expected[0], kept.getByte(0), "the stored copy does not share the collected bytes");
  }

  @Test
  void aBodyJustUnderTheThresholdStaysInTheHeapAsItIsWhenExact() {
    Buffer collected = random(StoredBodies.MIN_DIRECT_BYTES - 1);
    Buffer kept = new StoredBodies(1L << 30, () -> 0).kept(collected, true);
    assertSame(collected, kept);
    assertFalse(StoredBodies.isDirect(kept));
    assertTrue(StoredBodies.isDirect(new StoredBodies(1L << 30, () -> 0)
        .kept(random(StoredBodies.MIN_DIRECT_BYTES), true)), "the threshold itself goes to direct memory");
  }

  @Test
  void aBodyCollectedWithSpareCapacityIsCopiedExactlyInTheHeap() {
    Buffer collected = Buffer.buffer(4096).appendBuffer(random(100));
    Buffer kept = new StoredBodies(1L << 30, () -> 0).kept(collected, false);
    assertNotSame(collected, kept);
    assertFalse(StoredBodies.isDirect(kept));
    assertArrayEquals(collected.getBytes(), kept.getBytes());
  }

  @Test
  void pastTheBudgetALargeBodyStaysInTheHeap() {
    long budget = 100 * 1024;
    Buffer body = random(64 * 1024);
    assertTrue(StoredBodies.isDirect(new StoredBodies(budget, () -> budget - body.length()).kept(body, true)),
        "exactly up to the budget");
    Buffer kept = new StoredBodies(budget, () -> budget - body.length() + 1).kept(body, true);
    assertSame(body, kept, "one byte over: kept in the heap as collected");
    assertFalse(StoredBodies.isDirect(new StoredBodies(0, () -> 0).kept(random(64 * 1024), true)),
        "a budget of 0 keeps every body in the heap");
  }

  @Test
  void theNodesBudgetTakesALargeBodyOnADefaultJvm() {
    assertTrue(StoredBodies.isDirect(StoredBodies.ofThisJvm().kept(random(64 * 1024), true)));
  }
}
