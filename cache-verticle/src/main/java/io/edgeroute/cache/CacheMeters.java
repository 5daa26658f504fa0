package io.edgeroute.cache;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheCounters;
import io.edgeroute.cache.response.ResponseStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The caches' series on {@code /metrics} (SPEC §8), read from the counters the caches keep anyway,
 * so recording costs the request path nothing: {@code edgeroute_microcache_lookups_total} by
 * {@code result} (hit, negative, miss, stale), {@code edgeroute_redis_reads_total},
 * {@code edgeroute_microcache_invalidations_total}, and the response cache's stored
 * {@code edgeroute_response_cache_bytes} and {@code edgeroute_response_cache_entries}. The response
 * cache's hits and misses are counted by the router, which sees each answer's {@code Cache-Status}.
 */
public final class CacheMeters {

  private CacheMeters() {
  }

  /** Registers the microcache's meters; the registry holds {@code microcache} weakly. */
  public static void bind(MeterRegistry registry, Microcache microcache) {
    MicrocacheCounters counters = microcache.counters();
    lookups(registry, counters, "hit", MicrocacheCounters::hits);
    lookups(registry, counters, "negative", MicrocacheCounters::negativeHits);
    lookups(registry, counters, "miss", MicrocacheCounters::misses);
    lookups(registry, counters, "stale", MicrocacheCounters::staleServes);
    FunctionCounter.builder("edgeroute.redis.reads", counters, MicrocacheCounters::redisReads)
        .description("Reads the microcache sent to the KV store; keys read together count once").register(registry);
    FunctionCounter.builder("edgeroute.microcache.invalidations", counters, MicrocacheCounters::invalidations)
        .description("Change messages that outdated or refreshed a cached lookup").register(registry);
  }

  /** Registers the response cache's size meters. */
  public static void bind(MeterRegistry registry, ResponseStore store) {
    Gauge.builder("edgeroute.response.cache.bytes", store, ResponseStore::weightedBytes)
        .description("Bytes the response cache holds").baseUnit("bytes").register(registry);
    Gauge.builder("edgeroute.response.cache.entries", store, ResponseStore::size)
        .description("Variants the response cache holds").register(registry);
  }

  private static void lookups(MeterRegistry registry, MicrocacheCounters counters, String result,
                              ToDoubleFunction<MicrocacheCounters> count) {
    FunctionCounter.builder("edgeroute.microcache.lookups", counters, count).tag("result", result)
        .description("Routing-data lookups by outcome").register(registry);
  }
}
