package io.edgeroute.cache.lookup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node-wide cache of site and entry lookups (SPEC §5): created once per node, read
 * synchronously by every router instance and filled by the node's {@link MicrocacheLoader}. Thread-safe;
 * every change swaps a whole immutable {@link Lookup} in.
 *
 * <p>Size bound: {@code kv.cache.maxEntries}, enforced by Caffeine's Window TinyLFU policy, which
 * evicts the entries least likely to be used again by combining recency (an LRU admission window)
 * with frequency; for routing lookups it behaves like LRU while resisting a flood of one-off hosts.
 * Entries are not removed when their TTL passes: an expired entry is kept for stale-if-error.
 */
public final class Microcache {

  /**
   * A hit past this share of the TTL refreshes the entry in the background: each key has its own
   * point between 70 % and 90 % ({@link #refreshAheadAge}).
   */
  static final double REFRESH_AHEAD_FROM = 0.7;
  static final double REFRESH_AHEAD_SPREAD = 0.2;
  /** A background refresh of one key is started at most once per this interval (also while Redis is down). */
  static final long REFRESH_RETRY_MS = 1_000;

  /** How usable a cached lookup is at a given time. */
  enum Freshness {
    /** Within its TTL. */
    FRESH,
    /** Within its TTL, but close to its end: serve it and refresh it in the background. */
    REFRESH_AHEAD,
    /** Past its TTL, within stale-if-error: serve it only if Redis cannot answer. */
    STALE,
    /** Past stale-if-error, or known to be outdated: never served without asking Redis first. */
    UNUSABLE
  }

  /** What a change message did to the cached entry of its key. */
  public enum ChangeOutcome { NOT_CACHED, OLDER_IGNORED, SAME_VERSION, OUTDATED }

  private final LookupDecoder decoder;
  private final MicrocacheCounters counters = new MicrocacheCounters();
  private final Cache<String, Lookup> cache;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile MicrocacheOptions options;
  private volatile long unavailableSince;

  /**
   * @param keys the key schema of the store it caches
   * @param options the initial {@code kv.cache} options; copied
   */
  public Microcache(KvKeys keys, MicrocacheOptions options) {
    this.decoder = new LookupDecoder(keys);
    this.options = new MicrocacheOptions(options);
    this.cache = Caffeine.newBuilder().maximumSize(options.getMaxEntries()).build();
  }

  /** Swaps in new options; a smaller {@code maxEntries} evicts at once. */
  public void setOptions(MicrocacheOptions next) {
    MicrocacheOptions copy = new MicrocacheOptions(next);
    options = copy;
    cache.policy().eviction().ifPresent(e -> e.setMaximum(copy.getMaxEntries()));
  }

  public MicrocacheOptions options() {
    return options;
  }

  /** @return how long a router waits for the loader before answering stale or 503 */
  long lookupTimeoutMs() {
    return Math.max(1, options.getLookupTimeout().toMillis());
  }

  public MicrocacheCounters counters() {
    return counters;
  }

  public KvKeys keys() {
    return decoder.keys();
  }

  LookupDecoder decoder() {
    return decoder;
  }

  /** @return the cached lookup of {@code key}, or {@code null} */
  public Lookup cached(String key) {
    return cache.getIfPresent(key);
  }

  /**
   * The common case of {@link #freshness} on its own: {@code FRESH}, and not yet due for a refresh.
   *
   * @return whether {@code lookup} may be served at {@code now} with nothing else to do
   */
  boolean fresh(Lookup lookup, long now) {
    long ttl = ttlMillis(lookup, options);
    // One branch for the caller, not two: `&` evaluates both sides, so an outdated entry (rare)
    // is not a branch of its own in the compiled request path (see MicrocacheSiteResolver#beyondFresh).
    return !lookup.outdated() & now - lookup.fetchedAt() < refreshAheadAge(lookup.key(), ttl);
  }

  /** @return {@code lookup}'s TTL in ms under {@code o}: the negative one for an absent key */
  private static long ttlMillis(Lookup lookup, MicrocacheOptions o) {
    return (lookup.negative() ? o.getNegativeTtl() : o.getTtl()).toMillis();
  }

  /** @return how usable {@code lookup} is at {@code now} under the current options */
  Freshness freshness(Lookup lookup, long now) {
    if (lookup.outdated()) {
      return Freshness.UNUSABLE;
    }
    long ttl = ttlMillis(lookup, options);
    long age = now - lookup.fetchedAt();
    if (age < ttl) {
      return age >= refreshAheadAge(lookup.key(), ttl) ? Freshness.REFRESH_AHEAD : Freshness.FRESH;
    }
    return servableStale(lookup, now) ? Freshness.STALE : Freshness.UNUSABLE;
  }

  /**
   * Keys read together (a node starting, a burst of new hosts) would otherwise be read again
   * together once per TTL, thousands of reads in a fraction of a second that delay every request
   * queued behind them; spread by key, they drift apart and reads come evenly.
   *
   * @return the age in ms from which a hit on {@code key} refreshes it, between 70 % and 90 % of {@code ttl}
   */
  static long refreshAheadAge(String key, long ttl) {
    // Fibonacci hashing mixes the String hash (cached in the key) into an even fraction in [0, 1).
    double spread = ((key.hashCode() * 0x9E3779B9) >>> 8) / (double) (1 << 24);
    return (long) (ttl * (REFRESH_AHEAD_FROM + REFRESH_AHEAD_SPREAD * spread));
  }

  /**
   * @return whether {@code lookup} may be served while Redis cannot answer: within its TTL plus
   *     stale-if-error, even when outdated (the last known good value beats no answer)
   */
  boolean servableStale(Lookup lookup, long now) {
    MicrocacheOptions o = options;
    long ttl = ttlMillis(lookup, o);
    return now - lookup.fetchedAt() < ttl + o.getStaleIfError().toMillis();
  }

  /**
   * @return whether a site or entry could be served now even with Redis down: some positive lookup
   *     within its TTL plus stale-if-error (readiness, SPEC §8). Stops at the first one found.
   */
  public boolean holdsRoutingData() {
    long now = System.currentTimeMillis();
    return cache.asMap().values().stream().anyMatch(l -> !l.negative() && servableStale(l, now));
  }

  /**
   * The last resort when Redis cannot answer in time.
   *
   * @return the cached lookup of {@code key} if it may still be served ({@link #servableStale}),
   *     counted as a stale serve; {@code null} otherwise
   */
  Lookup staleServe(String key) {
    Lookup cached = cached(key);
    if (cached == null || !servableStale(cached, System.currentTimeMillis())) {
      return null;
    }
    counters().staleServes.increment();
    return cached;
  }

  /**
   * Claims the one background refresh of {@code lookup}'s key allowed now.
   *
   * @return whether the caller should start it (false when one was started less than
   *     {@link #REFRESH_RETRY_MS} ago or the entry changed meanwhile)
   */
  boolean claimRefresh(Lookup lookup, long now) {
    return now >= lookup.retryAt()
        && cache.asMap().replace(lookup.key(), lookup, lookup.refreshing(now + REFRESH_RETRY_MS));
  }

  /** Stores what Redis just answered: reads of one key are sequential, so the latest read wins. */
  void store(Lookup fresh) {
    cache.put(fresh.key(), fresh);
    unavailableSince = 0;
    if (!fresh.negative()) {
      dirty.set(true);
    }
  }

  /** Records that Redis could not answer, so that stale entries are served without waiting on it. */
  void readFailed(long now) {
    if (unavailableSince == 0) {
      unavailableSince = now;
    }
  }

  /** @return whether the last read failed (stale entries are then served at once) */
  boolean redisUnavailable() {
    return unavailableSince != 0;
  }

  /**
   * Applies a change message for {@code key}: a newer version marks the entry outdated, so the
   * next lookup waits for the new value, while the old one stays as the stale-if-error copy. The
   * version already cached changes nothing, except for version 0: a writer that does not version
   * its documents announces every write with 0, so such a change always outdates the entry.
   */
  ChangeOutcome changed(String key, long version) {
    ChangeOutcome[] outcome = {ChangeOutcome.NOT_CACHED};
    cache.asMap().computeIfPresent(key, (k, current) -> {
      if (version < current.version()) {
        outcome[0] = ChangeOutcome.OLDER_IGNORED;
        return current;
      }
      if (version == current.version() && version != 0) {
        outcome[0] = ChangeOutcome.SAME_VERSION;
        return current;
      }
      outcome[0] = ChangeOutcome.OUTDATED;
      return current.markedOutdated();
    });
    return outcome[0];
  }

  /**
   * Marks every cached lookup outdated, as when changes may have been missed: each is read again at
   * its next use, and stays the stale-if-error copy meanwhile.
   *
   * @return how many were marked
   */
  int outdateAll() {
    AtomicInteger marked = new AtomicInteger();
    cache.asMap().replaceAll((key, lookup) -> {
      if (lookup.outdated()) {
        return lookup;
      }
      marked.incrementAndGet();
      return lookup.markedOutdated();
    });
    return marked.get();
  }

  /** Adds lookups read from a snapshot, keeping whatever is already cached. */
  void restore(Collection<Lookup> lookups) {
    lookups.forEach(l -> cache.asMap().putIfAbsent(l.key(), l));
  }

  /** @return whether positive entries changed since the last call (and clears the mark) */
  boolean takeDirty() {
    return dirty.getAndSet(false);
  }

  /** Marks the positive entries as not yet on disk (after a failed snapshot write). */
  void markDirty() {
    dirty.set(true);
  }

  /** @return every positive entry (the last-known-good lookups), for a snapshot */
  List<Lookup> positives() {
    List<Lookup> out = new ArrayList<>();
    cache.asMap().values().forEach(l -> {
      if (!l.negative()) {
        out.add(l);
      }
    });
    return out;
  }

  long size() {
    return cache.estimatedSize();
  }
}
