package io.edgeroute.router.loop;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The timeouts of one event loop that are nearly always stopped before they run out: a visitor's
 * header clock, an origin's first byte. Arming one on every request through the loop's scheduler
 * costs a priority-queue insert and removal per request; here a timeout is a link in a list of
 * timeouts of the same length, in the order they were armed, which is also the order of their
 * deadlines. Arming appends, stopping unlinks, neither schedules anything. Each list keeps one task
 * on the loop's scheduler, for its earliest deadline: when it runs, it expires what is due and
 * schedules itself for the next deadline. So a timeout runs out at its deadline or very shortly
 * after, never before, and a busy loop schedules about one task per timeout length, not one per
 * request.
 *
 * <p>One instance per event-loop thread ({@link #of}); every method runs on that thread.
 */
public final class LoopTimeouts {

  private static final FastThreadLocal<LoopTimeouts> PER_LOOP = new FastThreadLocal<>();

  private final EventExecutor loop;
  /** One lane per timeout length in use: usually one or two. */
  private final List<Lane> lanes = new ArrayList<>(2);

  private LoopTimeouts(EventExecutor loop) {
    this.loop = loop;
  }

  /**
   * @param loop the event loop the caller runs on
   * @return that loop's timeouts
   */
  public static LoopTimeouts of(EventExecutor loop) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("not on the event loop " + loop);
    }
    LoopTimeouts timeouts = PER_LOOP.get();
    if (timeouts == null) {
      timeouts = new LoopTimeouts(loop);
      PER_LOOP.set(timeouts);
    }
    return timeouts;
  }

  /**
   * Starts {@code timeout}, stopping it first if it runs; it {@link Timeout#expired expires} after
   * {@code millis} unless stopped.
   */
  public void start(Timeout timeout, long millis) {
    timeout.stop();
    lane(millis).append(timeout, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private Lane lane(long millis) {
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      if (lane.millis == millis) {
        return lane;
      }
    }
    Lane lane = new Lane(millis);
    lanes.add(lane);
    return lane;
  }

  /** One timeout; subclass it with what happens when it runs out. Reusable after it ends. */
  public abstract static class Timeout {

    private Lane lane;
    private Timeout previous;
    private Timeout next;
    private long deadline;

    /** Runs on the event loop when the timeout ran out; it is no longer running then. */
    protected abstract void expired();

    /** @return whether it is started and has neither run out nor been stopped */
    public final boolean isRunning() {
      return lane != null;
    }

    /** Stops it; nothing happens if it is not running. */
    public final void stop() {
      if (lane != null) {
        lane.unlink(this);
      }
    }
  }

  /** The running timeouts of one length, earliest deadline first. */
  private final class Lane implements Runnable {

    private final long millis;
    private Timeout first;
    private Timeout last;
    private boolean scheduled;

    Lane(long millis) {
      this.millis = millis;
    }

    void append(Timeout timeout, long deadline) {
      timeout.lane = this;
      timeout.deadline = deadline;
      timeout.previous = last;
      if (last == null) {
        first = timeout;
      } else {
        last.next = timeout;
      }
      last = timeout;
      if (!scheduled) {
        schedule(deadline - System.nanoTime());
      }
    }

    void unlink(Timeout timeout) {
      if (timeout.previous == null) {
        first = timeout.next;
      } else {
        timeout.previous.next = timeout.next;
      }
      if (timeout.next == null) {
        last = timeout.previous;
      } else {
        timeout.next.previous = timeout.previous;
      }
      timeout.lane = null;
      timeout.previous = null;
      timeout.next = null;
    }

    private void schedule(long nanos) {
      scheduled = true;
      loop.schedule(this, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** The lane's task: expires what is due, then waits for the next deadline, if any. */
    @Override
    public void run() {
      scheduled = false;
      long now = System.nanoTime();
      while (first != null && first.deadline - now <= 0) {
        Timeout due = first;
        unlink(due);
        due.expired();
      }
      if (first != null && !scheduled) {
        schedule(first.deadline - now);
      }
    }
  }
}
