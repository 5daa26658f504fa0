package io.edgeroute.cache.response;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Single flight per key (nginx {@code proxy_cache_lock}, Varnish request coalescing): the first
 * request for a key leads and goes to the origin; the others wait until the leader has stored the
 * response, gave up storing it, or the wait timed out. Waiters are completed on their own context.
 *
 * @param <K> the key type
 */
public final class Coalescer<K> {

  /** Why a waiter was woken. */
  public enum Outcome {
    /** The leader stored the response: look it up again. */
    STORED,
    /** The leader will not store (uncacheable, too large, failed): go to the origin yourself. */
    RELEASED,
    /** The wait exceeded the lock timeout: go to the origin yourself. */
    TIMED_OUT
  }

  /**
   * A place in a flight.
   *
   * @param leader  whether this caller must fetch; then it must call {@link Coalescer#finish}
   * @param outcome for a follower, completes when the leader is done; {@code null} for the leader
   */
  public record Ticket(boolean leader, Future<Outcome> outcome) {
  }

  private final Vertx vertx;
  private final ConcurrentMap<K, List<Waiter>> flights = new ConcurrentHashMap<>();
  private final long timeoutMillis;

  public Coalescer(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  /** @return a leader ticket when no flight is in progress for the key, else a follower's */
  public Ticket join(K key) {
    Waiter[] mine = new Waiter[1];
    flights.compute(key, (k, waiters) -> {
      if (waiters == null) {
        return new ArrayList<>();
      }
      mine[0] = new Waiter(vertx.getOrCreateContext());
      waiters.add(mine[0]);
      return waiters;
    });
    if (mine[0] == null) {
      return new Ticket(true, null);
    }
    Waiter waiter = mine[0];
    waiter.timer = vertx.setTimer(timeoutMillis, id -> waiter.promise.tryComplete(Outcome.TIMED_OUT));
    return new Ticket(false, waiter.promise.future());
  }

  /** @return whether the caller now leads the key's flight; false when one is in progress (no waiting) */
  public boolean tryLead(K key) {
    return flights.putIfAbsent(key, new ArrayList<>()) == null;
  }

  /** Ends the flight the caller leads and wakes its waiters with the outcome. */
  public void finish(K key, Outcome outcome) {
    List<Waiter>[] ended = new List[1];
    flights.computeIfPresent(key, (k, waiters) -> {
      ended[0] = waiters;
      return null;
    });
    if (ended[0] == null) {
      return;
    }
    for (Waiter waiter : ended[0]) {
      vertx.cancelTimer(waiter.timer);
      waiter.context.runOnContext(v -> waiter.promise.tryComplete(outcome));
    }
  }

  /** @return how many keys have a flight in progress */
  public int inFlight() {
    return flights.size();
  }

  private static final class Waiter {
    final Context context;
    final Promise<Outcome> promise = Promise.promise();
    volatile long timer;

    Waiter(Context context) {
      this.context = context;
    }
  }
}
