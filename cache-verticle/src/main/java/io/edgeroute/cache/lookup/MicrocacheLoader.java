package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills the {@link Microcache} from the store, single-flight: at most one read per key is in
 * flight on this node, and every lookup of the key meanwhile shares it. Confined to the cache
 * verticle's event loop, so its bookkeeping needs no locks.
 *
 * <p>At most {@link #MAX_CONCURRENT_READS} reads are sent to the store at once; the others queue
 * here. A cold node hit by many different hosts at once could otherwise overflow the Redis client's
 * wait queue (vert.x's defaults are 6 connections + 24 waiting; {@code kv.redis} sets a deeper
 * pool), which fails the overflow at once as unavailable, and would hold the connections that
 * background refreshes need; queued here, reads simply start a moment later, still within the
 * lookup timeout.
 */
public final class MicrocacheLoader {

  /** Reads sent to the store at once; fits even vert.x's default Redis pool and wait queue (6 + 24). */
  static final int MAX_CONCURRENT_READS = 24;

  private static final Logger LOG = Logger.getLogger(MicrocacheLoader.class.getName());

  private final KvStore store;
  private final Microcache microcache;
  private final Map<String, Flight> inFlight = new HashMap<>();
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private int reading;

  /** One read of one key and the lookups waiting for it. */
  private static final class Flight {
    final Promise<Lookup> result = Promise.promise();
    /** A change arrived while reading: the value read may predate it, so read once more. */
    boolean again;
  }

  public MicrocacheLoader(KvStore store, Microcache microcache) {
    this.store = store;
    this.microcache = microcache;
  }

  /**
   * Answers a lookup that missed the router's synchronous path.
   *
   * @return a future completed with a usable lookup of {@code key} within
   *     {@link Microcache#readTimeoutMs()}: the cached one if another lookup filled it meanwhile, else
   *     the store's answer, else (Redis failing or slow) the cached one within stale-if-error; failed
   *     with {@link KvUnavailableException} when Redis cannot answer and nothing usable is cached
   */
  public Future<Lookup> answer(String key) {
    Lookup cached = microcache.cached(key);
    if (cached != null && fresh(cached)) {
      return Future.succeededFuture(cached);
    }
    return load(key)
        .timeout(microcache.readTimeoutMs(), TimeUnit.MILLISECONDS)
        .recover(failure -> stale(key, failure));
  }

  /** Refreshes {@code key} in the background, the cached value staying in use until the new one is read. */
  public void refresh(String key) {
    Flight flight = inFlight.get(key);
    if (flight != null) {
      flight.again = true;
    } else {
      load(key);
    }
  }

  /** A change for a key nobody has cached: only a read already under way may have missed it. */
  public void rereadIfInFlight(String key) {
    Flight flight = inFlight.get(key);
    if (flight != null) {
      flight.again = true;
    }
  }

  /** @return a future completed with what the store holds, shared by every caller until it completes */
  private Future<Lookup> load(String key) {
    Flight flight = inFlight.get(key);
    if (flight == null) {
      flight = new Flight();
      inFlight.put(key, flight);
      read(key, flight);
    }
    return flight.result.future();
  }

  private void read(String key, Flight flight) {
    if (reading >= MAX_CONCURRENT_READS) {
      queued.add(() -> read(key, flight));
      return;
    }
    reading++;
    flight.again = false;
    microcache.counters().redisReads.increment();
    store.get(key).onComplete(done -> {
      reading--;
      Runnable next = queued.poll();
      if (next != null) {
        next.run();
      }
      if (done.succeeded() && flight.again) {
        // Possibly older than the change that arrived meanwhile: read again before trusting it.
        read(key, flight);
        return;
      }
      inFlight.remove(key);
      if (done.succeeded()) {
        KvEntry entry = done.result();
        Lookup fresh = microcache.decoder().decode(key, entry == null ? null : entry.value(), System.currentTimeMillis());
        microcache.store(fresh);
        flight.result.complete(fresh);
      } else {
        microcache.readFailed(System.currentTimeMillis());
        LOG.log(Level.FINE, () -> "read of " + key + " failed: " + done.cause().getMessage());
        flight.result.fail(done.cause());
      }
    });
  }

  private boolean fresh(Lookup lookup) {
    Microcache.Freshness f = microcache.freshness(lookup, System.currentTimeMillis());
    return f == Microcache.Freshness.FRESH || f == Microcache.Freshness.REFRESH_AHEAD;
  }

  private Future<Lookup> stale(String key, Throwable failure) {
    Lookup cached = microcache.cached(key);
    if (cached != null && fresh(cached)) {
      // The read completed (or another one did) just after the wait ended: not a stale serve.
      return Future.succeededFuture(cached);
    }
    Lookup stale = microcache.staleServe(key);
    if (stale != null) {
      return Future.succeededFuture(stale);
    }
    if (failure instanceof KvUnavailableException) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(new KvUnavailableException("no answer for " + key + " within "
        + microcache.readTimeoutMs() + " ms: " + failure.getMessage(), failure));
  }
}
