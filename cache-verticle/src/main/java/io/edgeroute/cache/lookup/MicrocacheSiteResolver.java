package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvUnavailableException;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeoutException;

/**
 * The {@link SiteResolver} routers use: reads the node-wide {@link Microcache} synchronously and
 * answers a warm lookup with an already-completed future (no Redis call, no event-bus round trip).
 * Only a miss, an expired entry or one outdated by a change message calls the node's
 * {@link MicrocacheLoader} directly (one store read per key however many requests wait for it),
 * and never waits longer than {@code kv.cache.lookupTimeout}: then a lookup within stale-if-error
 * is served, else the failure is {@link KvUnavailableException} (503). The answer always
 * completes on the caller's event loop. Safe to share between router instances.
 */
public final class MicrocacheSiteResolver implements SiteResolver {

  private final Vertx vertx;
  private final MicrocacheLoader loader;
  private final Microcache microcache;

  /** @param loader the node's loader, shared with its cache verticle's change feed */
  public MicrocacheSiteResolver(Vertx vertx, MicrocacheLoader loader) {
    this.vertx = vertx;
    this.loader = loader;
    this.microcache = loader.microcache();
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
   * @return the lookup to serve now, or {@code null} when the loader must be asked
   */
  private Lookup fromCache(String key) {
    MicrocacheCounters counters = microcache.counters();
    counters.lookups.increment();
    Lookup cached = microcache.cached(key);
    if (cached == null) {
      return null;
    }
    long now = System.currentTimeMillis();
    return microcache.fresh(cached, now) ? hit(cached) : beyondFresh(cached, now);
  }

  /**
   * A cached lookup past the fresh part of its TTL: refreshed in the background, served stale, or
   * not served ({@code null}).
   *
   * <p>Why a method of its own: the JIT compiles a router's whole request path, this lookup inlined,
   * into one piece of machine code, shaped by the outcomes it has seen. Under steady traffic an entry
   * is refreshed before it expires, so an expired one is an outcome never seen; the first request
   * after a lull longer than the TTL met it inside that piece, which the JVM then threw away and
   * compiled again: 1.4 s of compiler time on the router's core, right when traffic resumed
   * (measured with JFR's compilation events). Kept out of the common path, rarely called and too
   * large to be inlined where it is called from, its outcomes are this method's own business.
   */
  private Lookup beyondFresh(Lookup cached, long now) {
    switch (microcache.freshness(cached, now)) {
      case FRESH:
        // The TTL changed between the two looks.
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
        microcache.counters().staleServes.increment();
        return cached;
      default:
        return null;
    }
  }

  /**
   * @return a future completed on the caller's context with the lookup of {@code key}; failed with
   *     {@link KvUnavailableException} when neither the store nor the cache can answer in time
   */
  private Future<Lookup> ask(String key) {
    microcache.counters().misses.increment();
    Context caller = vertx.getOrCreateContext();
    Promise<Lookup> answer = Promise.promise();
    long timeout = microcache.lookupTimeoutMs();
    long timer = vertx.setTimer(timeout, id -> answer.tryFail(
        new TimeoutException("no answer from the KV store within " + timeout + " ms")));
    // The loader's future completes on the thread the store answered on; the request goes on on its own.
    loader.answer(key).onComplete(done -> caller.runOnContext(v -> {
      vertx.cancelTimer(timer);
      if (done.succeeded()) {
        answer.tryComplete(done.result());
      } else {
        answer.tryFail(done.cause());
      }
    }));
    return answer.future().recover(failure -> staleOrUnavailable(key, failure));
  }

  private Lookup hit(Lookup cached) {
    (cached.negative() ? microcache.counters().negativeHits : microcache.counters().hits).increment();
    return cached;
  }

  private void refreshInBackground(Lookup cached, long now) {
    if (microcache.claimRefresh(cached, now)) {
      loader.refresh(cached.key());
    }
  }

  /** The store did not answer in time (or failed): the cache is the last resort. */
  private Future<Lookup> staleOrUnavailable(String key, Throwable failure) {
    Lookup cached = microcache.cached(key);
    if (cached != null) {
      Microcache.Freshness freshness = microcache.freshness(cached, System.currentTimeMillis());
      if (freshness == Microcache.Freshness.FRESH || freshness == Microcache.Freshness.REFRESH_AHEAD) {
        // Another read filled it just as this wait ended: not a stale serve.
        return Future.succeededFuture(cached);
      }
    }
    Lookup stale = microcache.staleServe(key);
    if (stale != null) {
      return Future.succeededFuture(stale);
    }
    return Future.failedFuture(new KvUnavailableException("routing data for " + key + " unavailable: "
        + failure.getMessage(), failure));
  }

  private static <T> Future<T> valueOf(Lookup lookup, Class<T> type) {
    Lookup.Answer answer = lookup.answer();
    if (answer instanceof Lookup.SiteFound found) {
      return Future.succeededFuture(type.cast(found.site()));
    }
    if (answer instanceof Lookup.EntryFound found) {
      return Future.succeededFuture(type.cast(found.entry()));
    }
    if (answer instanceof Lookup.Invalid invalid) {
      return Future.failedFuture(invalid.problem());
    }
    return Future.succeededFuture(null);
  }
}
