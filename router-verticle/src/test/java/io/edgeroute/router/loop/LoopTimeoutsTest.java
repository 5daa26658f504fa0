package io.edgeroute.router.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LoopTimeouts} on a real Netty event loop. */
class LoopTimeoutsTest {

  private EventLoop loop;
  private final List<String> expired = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    loop = new DefaultEventLoop();
  }

  @AfterEach
  void stop() throws Exception {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** Records its name and the nanoTime it ran out at. */
  private final class Named extends LoopTimeouts.Timeout {
    final String name;
    volatile long startedAt;
    volatile long expiredAt;

    Named(String name) {
      this.name = name;
    }

    void startOn(LoopTimeouts timeouts, long millis) {
      startedAt = System.nanoTime();
      timeouts.start(this, millis);
    }

    @Override
    protected void expired() {
      expiredAt = System.nanoTime();
      expired.add(name);
    }
  }

  private <T> T onLoop(java.util.concurrent.Callable<T> work) throws Exception {
    return loop.submit(work).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTimeoutNotStoppedRunsOutNoEarlierThanItsLengthAndOnlyOnce() throws Exception {
    Named a = new Named("a");
    onLoop(() -> {
      a.startOn(LoopTimeouts.of(loop), 50);
      return null;
    });
    awaitExpired(1);
    assertTrue(a.expiredAt - a.startedAt >= TimeUnit.MILLISECONDS.toNanos(50), "ran out early");
    assertFalse(onLoop(a::isRunning));
    // A further deadline of the lane passes without it.
    Named b = new Named("b");
    onLoop(() -> {
      b.startOn(LoopTimeouts.of(loop), 50);
      return null;
    });
    awaitExpired(2);
    assertEquals(List.of("a", "b"), expired);
  }

  @Test
  void stoppedTimeoutsNeverRunOutAndTheOthersOfTheirLaneStillDo() throws Exception {
    Named first = new Named("first");
    Named middle = new Named("middle");
    Named last = new Named("last");
    Named kept = new Named("kept");
    onLoop(() -> {
      LoopTimeouts timeouts = LoopTimeouts.of(loop);
      first.startOn(timeouts, 40);
      middle.startOn(timeouts, 40);
      last.startOn(timeouts, 40);
      kept.startOn(timeouts, 40);
      // Unlinked from the head, the middle and the tail of the lane.
      first.stop();
      middle.stop();
      return null;
    });
    onLoop(() -> {
      last.stop();
      return null;
    });
    awaitExpired(1);
    assertEquals(List.of("kept"), expired);
    assertFalse(onLoop(first::isRunning));
  }

  @Test
  void startingAgainMovesTheDeadlineAndALaneEmptiedByStopsServesLaterTimeouts() throws Exception {
    Named restarted = new Named("restarted");
    Named later = new Named("later");
    onLoop(() -> {
      LoopTimeouts timeouts = LoopTimeouts.of(loop);
      restarted.startOn(timeouts, 30);
      restarted.stop();
      // The lane's task is still scheduled for the stopped deadline; it must re-arm, not lose these.
      restarted.startOn(timeouts, 200);
      later.startOn(timeouts, 30);
      return null;
    });
    awaitExpired(2);
    assertEquals(List.of("later", "restarted"), expired);
    assertTrue(restarted.expiredAt - restarted.startedAt >= TimeUnit.MILLISECONDS.toNanos(200), "ran out early");
  }

  @Test
  void lanesOfDifferentLengthsRunOutInDeadlineOrder() throws Exception {
    Named slow = new Named("slow");
    Named fast = new Named("fast");
    onLoop(() -> {
      LoopTimeouts timeouts = LoopTimeouts.of(loop);
      slow.startOn(timeouts, 300);
      fast.startOn(timeouts, 20);
      return null;
    });
    awaitExpired(2);
    assertEquals(List.of("fast", "slow"), expired);
  }

  @Test
  void aTimeoutStartedWhereItRunsOutRunsOutAgain() throws Exception {
    LoopTimeouts.Timeout[] again = new LoopTimeouts.Timeout[1];
    again[0] = new LoopTimeouts.Timeout() {
      @Override
      protected void expired() {
        expired.add("again");
        if (expired.size() < 3) {
          LoopTimeouts.of(loop).start(again[0], 10);
        }
      }
    };
    onLoop(() -> {
      LoopTimeouts.of(loop).start(again[0], 10);
      return null;
    });
    awaitExpired(3);
    assertEquals(List.of("again", "again", "again"), expired);
  }

  @Test
  void onlyTheLoopsOwnThreadMayUseIt() {
    assertThrows(IllegalStateException.class, () -> LoopTimeouts.of(loop));
  }

  private void awaitExpired(int count) {
    io.edgeroute.shared.testing.Await.until(count + " timeouts run out", () -> expired.size() >= count);
  }
}
