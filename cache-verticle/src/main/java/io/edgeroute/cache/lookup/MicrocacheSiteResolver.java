package io.edgeroute.cache.lookup;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The {@link SiteResolver} routers use: reads the node-wide {@link Microcache} synchronously and
 * answers a warm lookup with an already-completed future (no Redis call, no event-bus round trip).
 * Only a miss, an expired entry or one outdated by a change message asks the cache verticle
 * ({@link EventBusAddresses#KV_LOOKUP}), and never waits longer than
 * {@code kv.cache.lookupTimeout}. Safe to share between router instances.
 */
public final class MicrocacheSiteResolver implements SiteResolver {

  private static final DeliveryOptions REFRESH = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final Microcache microcache;

  public MicrocacheSiteResolver(Vertx vertx, Microcache microcache) {
    this.vertx = vertx;
    this.microcache = microcache;
  }

  @Override
  public Future<Site> site(String host) {
    return resolve(microcache.keys().site(host), Site.class);
  }

  @Override
  public Future<TableEntry> entry(String table, String id) {
    return resolve(microcache.keys().entry(table, id), TableEntry.class);
  }

  private <T> Future<T> resolve(String key, Class<T> type) {
    Lookup cached = fromCache(key);
    return cached != null ? valueOf(cached, type) : ask(key).compose(l -> valueOf(l, type));
  }

  /**
   * The synchronous path: what the cache can answer for {@code key} without waiting.
   *
   * @return the lookup to serve now, or {@code null} when the cache verticle must be asked
   */
  private Lookup fromCache(String key) {
    MicrocacheCounters counters = microcache.counters();
    counters.lookups.increment();
    Lookup cached = microcache.cached(key);
    if (cached == null) {
      return null;
    }
    long now = System.currentTimeMillis();
    switch (microcache.freshness(cached, now)) {
      case FRESH:
        return hit(cached);
      case REFRESH_AHEAD:
        refreshInBackground(cached, now);
        return hit(cached);
      case STALE:
        if (!microcache.redisUnavailable()) {
          return null;
        }
        // Redis failed a moment ago: answer at once; one background read per key per interval
        // finds out when it is back.
        refreshInBackground(cached, now);
        counters.staleServes.increment();
        return cached;
      default:
        return null;
    }
  }

  /**
   * @return a future completed by the cache verticle with the lookup of {@code key}; failed with
   *     {@link KvUnavailableException} when neither Redis nor the cache can answer in time
   */
  private Future<Lookup> ask(String key) {
    microcache.counters().misses.increment();
    return vertx.eventBus().<Lookup>request(EventBusAddresses.KV_LOOKUP, new JsonObject().put("key", key),
            new DeliveryOptions().setLocalOnly(true).setSendTimeout(microcache.lookupTimeoutMs()))
        .map(Message::body)
        .recover(failure -> staleOrUnavailable(key, failure));
  }

  private Lookup hit(Lookup cached) {
    (cached.negative() ? microcache.counters().negativeHits : microcache.counters().hits).increment();
    return cached;
  }

  private void refreshInBackground(Lookup cached, long now) {
    if (microcache.claimRefresh(cached, now)) {
      vertx.eventBus().send(EventBusAddresses.KV_REFRESH, new JsonObject().put("key", cached.key()), REFRESH);
    }
  }

  /** The cache verticle did not answer in time (or at all): the cache is the last resort. */
  private Future<Lookup> staleOrUnavailable(String key, Throwable failure) {
    Lookup stale = microcache.staleServe(key);
    if (stale != null) {
      return Future.succeededFuture(stale);
    }
    return Future.failedFuture(new KvUnavailableException("routing data for " + key + " unavailable: "
        + failure.getMessage(), failure));
  }

  private static <T> Future<T> valueOf(Lookup lookup, Class<T> type) {
    Object value = lookup.value();
    if (value instanceof InvalidRoutingDataException invalid) {
      return Future.failedFuture(invalid);
    }
    return Future.succeededFuture(type.cast(value));
  }
}
