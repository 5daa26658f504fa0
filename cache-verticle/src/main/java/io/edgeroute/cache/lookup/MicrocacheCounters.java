package io.edgeroute.cache.lookup;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the microcache did since start, node-wide, for a metrics endpoint to read. Every counter is
 * a {@link LongAdder}: router threads bump them on every lookup without contending.
 */
public final class MicrocacheCounters {

  /** Lookups asked of the cache, whatever their outcome. */
  final LongAdder lookups = new LongAdder();
  /** Lookups answered from a fresh positive entry. */
  final LongAdder hits = new LongAdder();
  /** Lookups answered from a fresh negative entry ("no such key"). */
  final LongAdder negativeHits = new LongAdder();
  /** Lookups that had to wait for the cache verticle (no entry, expired, or outdated by a change). */
  final LongAdder misses = new LongAdder();
  /** Lookups answered from an expired entry because Redis could not answer. */
  final LongAdder staleServes = new LongAdder();
  /** Reads sent to the store by the loader (foreground and background); keys read together count once. */
  final LongAdder redisReads = new LongAdder();
  /** Change messages that outdated or refreshed a cached entry. */
  final LongAdder invalidations = new LongAdder();

  public long lookups() {
    return lookups.sum();
  }

  public long hits() {
    return hits.sum();
  }

  public long negativeHits() {
    return negativeHits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public long staleServes() {
    return staleServes.sum();
  }

  public long redisReads() {
    return redisReads.sum();
  }

  public long invalidations() {
    return invalidations.sum();
  }

  /** @return every counter by name, for logs and a metrics endpoint */
  public JsonObject toJson() {
    return new JsonObject().put("lookups", lookups()).put("hits", hits()).put("negativeHits", negativeHits())
        .put("misses", misses()).put("staleServes", staleServes()).put("redisReads", redisReads())
        .put("invalidations", invalidations());
  }
}
