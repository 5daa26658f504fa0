package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Background refreshes asked for on an event loop are not sent one by one: they wait up to
 * {@link #REFRESH_WINDOW_MS} for the others due meanwhile and go together, as one
 * {@link KvStore#getAll} (one {@code MGET} on standalone Redis) holding one slot. Every key in use
 * comes due once per TTL, so a node with many hosts would otherwise send a steady trickle of single
 * reads, each through the Redis client's whole per-command path. A refresh waiting for its batch is
 * a read in flight like any other: lookups of its key share it, a change marks it to be read again,
 * and a lookup that cannot wait (its entry expired or was outdated meanwhile) sends the waiting
 * refreshes at once. A batch whose timer never fired (it went with its verticle) goes with the next
 * refresh asked for after its window.
 */
public final class MicrocacheLoader {

  /** Reads sent to the store at once; fits even vert.x's default Redis pool and wait queue (6 + 24). */
  static final int MAX_CONCURRENT_READS = 24;

  /**
   * The longest a background refresh waits for others to go with it, unless a twentieth of the
   * shortest TTL is shorter: a refresh starts at 70 to 90 % of its entry's TTL, so even the latest
   * one is sent with half of its last tenth left for the read.
   */
  static final long REFRESH_WINDOW_MS = 100;

  /** Keys read together at most: one reply stays small, and so does the time Redis spends on it. */
  static final int MAX_BATCH = 100;

  private static final Logger LOG = Logger.getLogger(MicrocacheLoader.class.getName());

  private final KvStore store;
  private final Microcache microcache;
  /** Guarded by {@code this}. */
  private final Map<String, Flight> inFlight = new HashMap<>();
  /** Guarded by {@code this}: reads waiting for one of the {@link #MAX_CONCURRENT_READS} slots, each of one or more keys. */
  private final Deque<List<Flight>> queued = new ArrayDeque<>();
  /** Guarded by {@code this}: background refreshes waiting for the next batch. */
  private List<Flight> due = new ArrayList<>();
  /** Guarded by {@code this}: when the first of {@link #due} was asked for, in ms. */
  private long dueSince;
  /** Guarded by {@code this}. */
  private int reading;

  /** One read of one key and the lookups waiting for it. */
  private static final class Flight {
    final String key;
    final Promise<Lookup> result = Promise.promise();
    /** A change arrived while reading: the value read may predate it, so read once more. Guarded by the loader. */
    boolean again;
    /** Waiting in {@link #due} for the next batch, not sent yet. Guarded by the loader. */
    boolean waiting;

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
   * Asked for on an event loop, the read goes with the other refreshes due within the window
   * ({@link #REFRESH_WINDOW_MS}); elsewhere, at once.
   */
  public void refresh(String key) {
    Context context = Vertx.currentContext();
    long window = refreshWindowMs();
    long now = System.currentTimeMillis();
    Flight started;
    List<Flight> overdue = null;
    boolean schedule = false;
    synchronized (this) {
      if (inFlight.containsKey(key)) {
        return;
      }
      started = begin(key);
      if (context != null && window > 0) {
        if (!due.isEmpty() && now - dueSince >= window) {
          // The batch's timer has not fired (its router went away, or the loop is that busy): go now.
          overdue = takeDue();
        }
        started.waiting = true;
        due.add(started);
        if (due.size() == 1) {
          // The first refresh of a batch sets its timer; the others join it.
          dueSince = now;
          schedule = true;
        }
        started = null;
      }
    }
    if (overdue != null) {
      sendInBatches(overdue);
    }
    if (schedule) {
      context.owner().setTimer(window, id -> sendDue());
    } else if (started != null) {
      send(List.of(started));
    }
  }

  /**
   * @return how long a refresh waits for others: {@link #REFRESH_WINDOW_MS}, or a twentieth of the
   *     shortest TTL in use (a TTL of 0 caches nothing, so it has no refresh to wait for)
   */
  private long refreshWindowMs() {
    long ttl = microcache.options().getTtl().toMillis();
    long negativeTtl = microcache.options().getNegativeTtl().toMillis();
    long shortest = ttl == 0 ? negativeTtl : negativeTtl == 0 ? ttl : Math.min(ttl, negativeTtl);
    return Math.min(REFRESH_WINDOW_MS, shortest / 20);
  }

  /** Sends the refreshes waiting for their batch. */
  private void sendDue() {
    List<Flight> batch;
    synchronized (this) {
      batch = takeDue();
    }
    sendInBatches(batch);
  }

  /** @return the refreshes waiting for their batch, no longer waiting. Holds the lock. */
  private List<Flight> takeDue() {
    List<Flight> batch = due;
    due = new ArrayList<>();
    batch.forEach(flight -> flight.waiting = false);
    return batch;
  }

  /** Sends {@code flights}, {@link #MAX_BATCH} keys to a read. */
  private void sendInBatches(List<Flight> flights) {
    for (int from = 0; from < flights.size(); from += MAX_BATCH) {
      send(flights.subList(from, Math.min(flights.size(), from + MAX_BATCH)));
    }
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
      send(List.of(started));
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
      send(List.of(started));
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
    List<Flight> waiting = null;
    synchronized (this) {
      flight = inFlight.get(key);
      if (flight != null && flight.waiting) {
        // A background refresh waiting for its batch: this lookup cannot wait for the window, and
        // the others go with it.
        waiting = takeDue();
      } else if (flight == null) {
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
      send(List.of(flight));
    } else if (waiting != null) {
      sendInBatches(waiting);
    }
    return flight.result.future();
  }

  /** Registers a new flight for {@code key}; call {@link #send} with it once the lock is released. Holds the lock. */
  private Flight begin(String key) {
    Flight flight = new Flight(key);
    inFlight.put(key, flight);
    return flight;
  }

  /** Starts the read of {@code flights} now, or queues it when {@link #MAX_CONCURRENT_READS} are under way. */
  private void send(List<Flight> flights) {
    synchronized (this) {
      if (reading >= MAX_CONCURRENT_READS) {
        queued.add(flights);
        return;
      }
      reading++;
      flights.forEach(flight -> flight.again = false);
    }
    start(flights);
  }

  /** Sends a read that holds one of the slots: one key alone, or several together. */
  private void start(List<Flight> flights) {
    microcache.counters().redisReads.increment();
    if (flights.size() == 1) {
      Flight flight = flights.get(0);
      store.get(flight.key).onComplete(done -> completed(flights,
          done.succeeded() ? Collections.singletonList(done.result()) : null, done.cause()));
    } else {
      List<String> keys = new ArrayList<>(flights.size());
      flights.forEach(flight -> keys.add(flight.key));
      store.getAll(keys).onComplete(done -> completed(flights, done.result(), done.cause()));
    }
  }

  /**
   * A read is back: its slot goes to the next queued read, and each of its flights is settled.
   *
   * @param entries what the store holds, one per flight in order ({@code null} entries for absent
   *     keys); {@code null} when the read failed
   */
  private void completed(List<Flight> flights, List<KvEntry> entries, Throwable failure) {
    List<Flight> next;
    List<Flight> readAgain = new ArrayList<>(0);
    Lookup[] fresh = new Lookup[flights.size()];
    synchronized (this) {
      reading--;
      next = queued.poll();
      if (next != null) {
        reading++;
        next.forEach(flight -> flight.again = false);
      }
      long now = System.currentTimeMillis();
      for (int i = 0; i < flights.size(); i++) {
        Flight flight = flights.get(i);
        if (failure == null && flight.again) {
          // Possibly older than the change that arrived meanwhile: read again before trusting it.
          readAgain.add(flight);
          continue;
        }
        if (failure == null) {
          KvEntry entry = entries.get(i);
          fresh[i] = microcache.decoder().decode(flight.key, entry == null ? null : entry.value(), now,
              microcache.cached(flight.key));
          microcache.store(fresh[i]);
        } else {
          microcache.readFailed(now);
        }
        inFlight.remove(flight.key);
      }
    }
    if (next != null) {
      start(next);
    }
    if (!readAgain.isEmpty()) {
      send(readAgain);
    }
    for (int i = 0; i < flights.size(); i++) {
      Flight flight = flights.get(i);
      if (failure != null) {
        LOG.log(Level.FINE, () -> "read of " + flight.key + " failed: " + failure.getMessage());
        flight.result.fail(failure);
      } else if (fresh[i] != null) {
        flight.result.complete(fresh[i]);
      }
    }
  }

  private boolean fresh(Lookup lookup) {
    Microcache.Freshness f = microcache.freshness(lookup, System.currentTimeMillis());
    return f == Microcache.Freshness.FRESH || f == Microcache.Freshness.REFRESH_AHEAD;
  }
}
