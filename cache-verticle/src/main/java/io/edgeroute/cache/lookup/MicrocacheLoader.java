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
 * flight on this node, and every lookup of the key meanwhile shares it, from whichever event loop
 * it comes. One per node, called directly by every router instance ({@link MicrocacheSiteResolver})
 * and by the change feed: thread-safe. Its bookkeeping (reads in flight, the queue, and a read's
 * result being stored) happens under this object's lock, which is held for map operations only,
 * never across a store call; so a change message ({@link #changed}) and a read completing are
 * ordered, and a read that may have started before a write is always read again.
 *
 * <p>The futures it returns complete on whatever thread the store answered on; callers that need
 * their own event loop hop back to it ({@link MicrocacheSiteResolver} does).
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
  /** Guarded by {@code this}. */
  private final Map<String, Flight> inFlight = new HashMap<>();
  /** Guarded by {@code this}: reads waiting for one of the {@link #MAX_CONCURRENT_READS} slots. */
  private final Deque<Flight> queued = new ArrayDeque<>();
  /** Guarded by {@code this}. */
  private int reading;

  /** One read of one key and the lookups waiting for it. */
  private static final class Flight {
    final String key;
    final Promise<Lookup> result = Promise.promise();
    /** A change arrived while reading: the value read may predate it, so read once more. Guarded by the loader. */
    boolean again;

    Flight(String key) {
      this.key = key;
    }
  }

  public MicrocacheLoader(KvStore store, Microcache microcache) {
    this.store = store;
    this.microcache = microcache;
  }

  /** @return the cache this loader fills */
  public Microcache microcache() {
    return microcache;
  }

  /**
   * Answers a lookup that missed the router's synchronous path.
   *
   * @return a future completed with a usable lookup of {@code key}: the cached one if another lookup
   *     filled it meanwhile, else the store's answer; failed when the store failed (the caller
   *     bounds the wait and falls back on {@link Microcache#staleServe})
   */
  public Future<Lookup> answer(String key) {
    Lookup cached = microcache.cached(key);
    if (cached != null && fresh(cached)) {
      return Future.succeededFuture(cached);
    }
    return load(key);
  }

  /**
   * Refreshes {@code key} in the background, the cached value staying in use until the new one is
   * read; nothing more when a read of it is under way (it started before this refresh was asked for).
   */
  public void refresh(String key) {
    Flight started;
    synchronized (this) {
      if (inFlight.containsKey(key)) {
        return;
      }
      started = begin(key);
    }
    send(started);
  }

  /**
   * Applies a change message for {@code key}: marks the cached lookup outdated and reads it again,
   * or, when nothing is cached, has a read under way read once more (it may have started before
   * the write). Ordered with reads completing, so no read older than the change is kept.
   *
   * @return what the change did to the cached lookup
   */
  public Microcache.ChangeOutcome changed(String key, long version) {
    Microcache.ChangeOutcome outcome;
    Flight started = null;
    synchronized (this) {
      outcome = microcache.changed(key, version);
      if (outcome == Microcache.ChangeOutcome.OUTDATED) {
        microcache.counters().invalidations.increment();
      }
      Flight flight = inFlight.get(key);
      if (flight != null && (outcome == Microcache.ChangeOutcome.OUTDATED
          || outcome == Microcache.ChangeOutcome.NOT_CACHED)) {
        flight.again = true;
      } else if (flight == null && outcome == Microcache.ChangeOutcome.OUTDATED) {
        started = begin(key);
      }
    }
    if (started != null) {
      send(started);
    }
    return outcome;
  }

  /** Re-reads {@code key} if it is cached (a whole-site purge changed its generation); else only a read under way. */
  public void reread(String key) {
    Flight started = null;
    synchronized (this) {
      Flight flight = inFlight.get(key);
      if (flight != null) {
        flight.again = true;
      } else if (microcache.cached(key) != null) {
        started = begin(key);
      }
    }
    if (started != null) {
      send(started);
    }
  }

  /**
   * Changes may have been missed: every cached lookup is outdated (read again at its next use), and
   * every read under way is read once more, since it may predate a missed write.
   *
   * @return how many cached lookups were outdated
   */
  public int outdateAll() {
    synchronized (this) {
      inFlight.values().forEach(flight -> flight.again = true);
      return microcache.outdateAll();
    }
  }

  /** @return a future completed with what the store holds, shared by every caller until it completes */
  private Future<Lookup> load(String key) {
    Flight flight;
    boolean mine = false;
    synchronized (this) {
      flight = inFlight.get(key);
      if (flight == null) {
        // A read may have completed since the caller looked: it stores and leaves under this lock.
        Lookup cached = microcache.cached(key);
        if (cached != null && fresh(cached)) {
          return Future.succeededFuture(cached);
        }
        flight = begin(key);
        mine = true;
      }
    }
    if (mine) {
      send(flight);
    }
    return flight.result.future();
  }

  /** Registers a new flight for {@code key}; call {@link #send} with it once the lock is released. Holds the lock. */
  private Flight begin(String key) {
    Flight flight = new Flight(key);
    inFlight.put(key, flight);
    return flight;
  }

  /** Starts the flight's read now, or queues it when {@link #MAX_CONCURRENT_READS} are under way. */
  private void send(Flight flight) {
    synchronized (this) {
      if (reading >= MAX_CONCURRENT_READS) {
        queued.add(flight);
        return;
      }
      reading++;
      flight.again = false;
    }
    start(flight);
  }

  private void completed(Flight flight, KvEntry entry, Throwable failure) {
    Flight next;
    boolean readAgain = false;
    Lookup fresh = null;
    synchronized (this) {
      reading--;
      next = queued.poll();
      if (next != null) {
        reading++;
        next.again = false;
      }
      if (failure == null && flight.again) {
        // Possibly older than the change that arrived meanwhile: read again before trusting it.
        readAgain = true;
      } else {
        if (failure == null) {
          fresh = microcache.decoder().decode(flight.key, entry == null ? null : entry.value(),
              System.currentTimeMillis(), microcache.cached(flight.key));
          microcache.store(fresh);
        } else {
          microcache.readFailed(System.currentTimeMillis());
        }
        inFlight.remove(flight.key);
      }
    }
    if (next != null) {
      start(next);
    }
    if (readAgain) {
      send(flight);
    } else if (failure == null) {
      flight.result.complete(fresh);
    } else {
      LOG.log(Level.FINE, () -> "read of " + flight.key + " failed: " + failure.getMessage());
      flight.result.fail(failure);
    }
  }

  /** Sends a read that holds one of the slots. */
  private void start(Flight flight) {
    microcache.counters().redisReads.increment();
    store.get(flight.key).onComplete(done -> completed(flight, done.succeeded() ? done.result() : null,
        done.failed() ? done.cause() : null));
  }

  private boolean fresh(Lookup lookup) {
    Microcache.Freshness f = microcache.freshness(lookup, System.currentTimeMillis());
    return f == Microcache.Freshness.FRESH || f == Microcache.Freshness.REFRESH_AHEAD;
  }
}
