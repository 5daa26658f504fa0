package io.edgeroute.router.gate;

import io.edgeroute.router.loop.LoopTimeouts;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The two clocks of one visitor connection, run on its event loop for the {@link VisitorGate}:
 *
 * <ul>
 *   <li>the header clock ({@code router.headerTimeout}): armed when a head starts (or the connection
 *       opens), stopped when the head is complete; running out calls the gate back;</li>
 *   <li>the idle clock ({@code router.idleTimeout}): the connection is closed when nothing went
 *       either way for that long while the visitor owed the next byte (the gate says when it does).</li>
 * </ul>
 */
public final class GateClocks {

  /**
   * The timeouts, read each time a clock is armed so a live config change applies to the next one.
   *
   * @param headerTimeoutMillis zero for none
   * @param idleTimeoutMillis   zero for none
   */
  public record Settings(long headerTimeoutMillis, long idleTimeoutMillis) {
  }

  private final ChannelHandlerContext ctx;
  private final Supplier<Settings> settings;
  private final LongConsumer headTimedOut;
  private final BooleanSupplier visitorOwesBytes;
  private final HeadClock headClock = new HeadClock();
  private final LoopTimeouts timeouts;
  private ScheduledFuture<?> idleTimer;
  private long lastActivity = System.nanoTime();
  private boolean stopped;

  /**
   * @param headTimedOut     called with the timeout when a head took too long
   * @param visitorOwesBytes whether silence now is the visitor's
   */
  GateClocks(ChannelHandlerContext ctx, Supplier<Settings> settings, LongConsumer headTimedOut,
             BooleanSupplier visitorOwesBytes) {
    this.ctx = ctx;
    this.settings = settings;
    this.headTimedOut = headTimedOut;
    this.visitorOwesBytes = visitorOwesBytes;
    this.timeouts = LoopTimeouts.of(ctx.executor());
  }

  /** A byte went one way or the other. */
  void activity() {
    lastActivity = System.nanoTime();
  }

  /** Starts the header clock, unless it runs already. */
  void startHead() {
    long millis = settings.get().headerTimeoutMillis();
    if (headClock.isRunning() || millis <= 0 || stopped) {
      return;
    }
    headClock.millis = millis;
    timeouts.start(headClock, millis);
  }

  void stopHead() {
    headClock.stop();
  }

  /** The header clock: one per connection, started again for every head. */
  private final class HeadClock extends LoopTimeouts.Timeout {

    private long millis;

    @Override
    protected void expired() {
      headTimedOut.accept(millis);
    }
  }

  /** Starts the idle clock; it re-arms itself until {@link #stop}. */
  void startIdle() {
    long millis = settings.get().idleTimeoutMillis();
    if (millis <= 0 || stopped) {
      return;
    }
    idleTimer = ctx.executor().schedule(() -> {
      idleTimer = null;
      if (!visitorOwesBytes.getAsBoolean()) {
        lastActivity = System.nanoTime();
      }
      if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity) >= millis) {
        ctx.close();
      } else {
        startIdle();
      }
    }, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops both clocks for good. */
  void stop() {
    stopped = true;
    stopHead();
    if (idleTimer != null) {
      idleTimer.cancel(false);
      idleTimer = null;
    }
  }
}
