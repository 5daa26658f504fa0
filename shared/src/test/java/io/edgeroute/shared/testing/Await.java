package io.edgeroute.shared.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait for something another thread makes true: the condition is checked every
 * {@link #POLL} until it holds, and the test fails naming what it waited for once {@code within}
 * has passed. Never a guessed sleep, never a busy spin; not for an event-loop thread, which must not
 * block (await a {@code Future} there instead).
 */
public final class Await {

  /** How long a test waits for a condition when it does not say. */
  public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(10);

  /** How often the condition is checked. */
  static final Duration POLL = Duration.ofMillis(5);

  private Await() {
  }

  /** Blocks until {@code condition} holds, at most {@link #DEFAULT_WITHIN}. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT_WITHIN, condition);
  }

  /**
   * Blocks until {@code condition} holds.
   *
   * @throws AssertionError naming {@code what} when it does not hold within {@code within}
   */
  public static void until(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + ": not within " + within.toMillis() + " ms");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
    }
  }
}
