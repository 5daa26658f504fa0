package io.edgeroute.cache.response;

import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.model.CacheSettings;
import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Edgeroute's shared HTTP response cache (SPEC §6): the router calls {@link #serve} around its
 * origin fetch, or {@link #lookup} and the parts of the returned {@link CacheDecision} when it
 * needs to do the proxying itself. One instance per node, shared by all router event loops.
 *
 * <p>Written instead of vertx-http-proxy's cache, which ignores {@code Vary}, {@code private} and
 * {@code no-store}.
 */
public final class ResponseCache {

  private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

  /** How long a request waits for another one fetching the same key before going itself (nginx's 5 s). */
  public static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 5_000;

  /** Rounds of waiting for another request's fetch before a request goes to the origin itself. */
  private static final int MAX_WAIT_ROUNDS = 2;

  private final ResponseStore store;
  private final StoredBodies bodies = StoredBodies.ofThisJvm();
  private final Coalescer<EntryKey> coalescer;
  private final LongSupplier clock;
  /** Site host → the site id its entries are stored under, learnt when storing, for purges by host. */
  private final ConcurrentMap<String, String> siteIds = new ConcurrentHashMap<>();
  /** Responses received at or before this time (epoch ms) are revalidated before use: {@link #revalidateAll}. */
  private volatile long revalidateBefore = Long.MIN_VALUE;
  private volatile long maxObjectBytes;

  /**
   * @param options   the {@code responseCache} bounds
   * @param nowMillis the clock for freshness and age (tests move it instead of waiting)
   */
  public ResponseCache(Vertx vertx, ResponseCacheOptions options, LongSupplier nowMillis) {
    this.store = new ResponseStore(options.getMaxBytes());
    this.maxObjectBytes = options.getMaxObjectBytes();
    this.coalescer = new Coalescer<>(vertx, DEFAULT_LOCK_TIMEOUT_MILLIS);
    this.clock = nowMillis;
  }

  public ResponseCache(Vertx vertx, ResponseCacheOptions options) {
    this(vertx, options, System::currentTimeMillis);
  }

  /**
   * The whole cached proxy flow: lookup, then the stored response, or the origin's response
   * streaming through (and stored on the way when it may be), or a stale one when the origin fails.
   *
   * @return completes with what to send; fails with the origin's failure when there is nothing
   *     stale to fall back on (the router maps it to 502/504)
   */
  public Future<ServedResponse> serve(CacheRequest request, OriginFetch origin) {
    return serve(request, origin, origin);
  }

  /**
   * As {@link #serve(CacheRequest, OriginFetch)}, with a separate fetch for the background refresh
   * of a stale-while-revalidate hit: the router ties the visitor's own fetch to the visitor's
   * connection (a visitor who leaves cancels it) but lets a refresh outlive the request that began it.
   */
  public Future<ServedResponse> serve(CacheRequest request, OriginFetch origin, OriginFetch refresher) {
    return lookup(request, refresher).compose(decision -> switch (decision.kind()) {
      case HIT, STALE -> Future.succeededFuture(decision.served());
      case BYPASS -> origin.fetch(request).map(response -> bypassed(response, decision.cacheStatus()));
      case MISS -> {
        CacheFill fill = decision.fill();
        yield origin.fetch(fill.originRequest()).transform(ar -> ar.succeeded()
            ? Future.succeededFuture(fill.admit(ar.result()))
            : fill.failed(ar.cause()));
      }
    });
  }

  /**
   * Decides how to answer a request. A concurrent miss on the same key waits here until the
   * leading request has stored its response (then it is a hit) or released it.
   *
   * @param refresher used for the single background refresh of a stale-while-revalidate hit
   * @return completes with the decision; never fails
   */
  public Future<CacheDecision> lookup(CacheRequest request, OriginFetch refresher) {
    return lookup(request, refresher, 0);
  }

  /**
   * Changes may have been missed (the change subscription was lost and is back): every response
   * stored until now is revalidated with its origin before it is served again, as if stale, since a
   * purge announced meanwhile is recorded nowhere. Entries are kept: one with a validator costs a
   * conditional request, and stays available to stale-if-error.
   */
  public void revalidateAll() {
    revalidateBefore = now();
  }

  private Future<CacheDecision> lookup(CacheRequest request, OriginFetch refresher, int round) {
    CacheSettings settings = request.site().cache();
    if (!settings.enabled()) {
      return Future.succeededFuture(CacheDecision.bypass(null));
    }
    String bypass = bypassReason(request, settings);
    if (bypass != null) {
      return Future.succeededFuture(CacheDecision.bypass(CacheStatus.bypass(bypass)));
    }
    long now = now();
    PrimaryKey primary = PrimaryKey.of(request);
    CachedResponse entry = store.find(primary, request.headers());
    if (entry != null && request.headers().contains(HttpHeaders.AUTHORIZATION) && !entry.sharedForAuthorized()) {
      entry = null;
    }
    if (entry != null && entry.freshness().responseTime() > revalidateBefore) {
      Freshness freshness = entry.freshness();
      long ttl = freshness.ttlSeconds(now);
      if (freshness.isFresh(now)) {
        String status = round > 0 ? CacheStatus.collapsed(ttl) : CacheStatus.hit(ttl);
        return Future.succeededFuture(CacheDecision.hit(HitResponse.of(request, entry, now, status)));
      }
      if (freshness.withinStaleWhileRevalidate(now)) {
        refreshInBackground(request, entry, refresher);
        return Future.succeededFuture(
            CacheDecision.stale(HitResponse.of(request, entry, now, CacheStatus.staleWhileRevalidate(ttl))));
      }
    }
    CachedResponse stale = entry;
    if (request.isHead()) {
      // A HEAD answer has no body to store for the GET entry; HEAD is served from GET entries only.
      return Future.succeededFuture(CacheDecision.miss(new CacheFill(this, request, null, stale, "head")));
    }
    EntryKey flightKey = store.keyFor(primary, request.headers());
    if (round >= MAX_WAIT_ROUNDS) {
      EntryKey led = coalescer.tryLead(flightKey) ? flightKey : null;
      return Future.succeededFuture(CacheDecision.miss(new CacheFill(this, request, led, stale, null)));
    }
    Coalescer.Ticket ticket = coalescer.join(flightKey);
    if (ticket.leader()) {
      CachedResponse justStored = stale == null ? store.find(primary, request.headers()) : null;
      if (justStored != null && justStored.freshness().isFresh(now)
          && (!request.headers().contains(HttpHeaders.AUTHORIZATION) || justStored.sharedForAuthorized())) {
        // Another event loop's flight stored it between our lookup and our join: no second fetch.
        coalescer.finish(flightKey, Coalescer.Outcome.STORED);
        return Future.succeededFuture(CacheDecision.hit(
            HitResponse.of(request, justStored, now, CacheStatus.collapsed(justStored.freshness().ttlSeconds(now)))));
      }
      return Future.succeededFuture(CacheDecision.miss(new CacheFill(this, request, flightKey, stale, null)));
    }
    return ticket.outcome().compose(outcome -> switch (outcome) {
      case STORED -> lookup(request, refresher, round + 1);
      case RELEASED -> Future.succeededFuture(
          CacheDecision.miss(new CacheFill(this, request, null, stale, "released")));
      case TIMED_OUT -> Future.succeededFuture(
          CacheDecision.miss(new CacheFill(this, request, null, stale, "lock-timeout")));
    });
  }

  /** @return why the request skips the cache, or {@code null} */
  private static String bypassReason(CacheRequest request, CacheSettings settings) {
    if (!"GET".equals(request.method()) && !request.isHead()) {
      return "method";
    }
    for (String cookieLine : request.headers().getAll("Cookie")) {
      for (String pair : cookieLine.split(";")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (!name.isEmpty() && settings.bypasses(name)) {
          return "cookie";
        }
      }
    }
    return null;
  }

  /** Starts one refresh of a stale entry unless one is already running for its key. */
  private void refreshInBackground(CacheRequest request, CachedResponse stale, OriginFetch refresher) {
    if (refresher == null || !coalescer.tryLead(stale.key())) {
      return;
    }
    CacheFill fill = new CacheFill(this, request.isHead() ? request.withMethod("GET") : request, stale.key(), stale,
        null);
    refresher.fetch(fill.originRequest()).onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(Level.FINE, "background refresh of " + request.host() + request.path() + " failed", ar.cause());
        fill.failed(ar.cause());
        return;
      }
      ServedResponse refreshed = fill.admit(ar.result());
      if (refreshed.isStreaming()) {
        CacheFill.drain(refreshed.stream());
      }
    });
  }

  private static ServedResponse bypassed(OriginResponse response, String cacheStatus) {
    if (cacheStatus == null) {
      return new ServedResponse(response.status(), visible(response.headers()), null, response.body());
    }
    io.vertx.core.MultiMap headers = visible(response.headers());
    headers.set(CacheStatus.HEADER, CacheStatus.append(headers.get(CacheStatus.HEADER), cacheStatus));
    return new ServedResponse(response.status(), headers, null, response.body());
  }

  /**
   * @return a copy of an origin's header section without what is for this cache alone: purge tags
   *     ({@code Cache-Tag}, {@code Surrogate-Key}) and {@code Edgeroute-Cache-Control} (SPEC §6)
   */
  static io.vertx.core.MultiMap visible(io.vertx.core.MultiMap origin) {
    io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(origin);
    headers.remove("Cache-Tag");
    headers.remove("Surrogate-Key");
    headers.remove(TargetedCacheControl.EDGEROUTE);
    return headers;
  }

  /**
   * Applies a purge on this node (the cache verticle calls it for each purge change message).
   *
   * @return how many variants were removed
   */
  public int purge(String siteId, PurgeSpec spec) {
    return store.purge(siteId, spec);
  }

  /**
   * RFC 9111 §4.4: a successful unsafe request (POST, PUT, DELETE...) invalidates what is stored
   * for its target URI on this node. Other nodes keep theirs until it expires, as any group of
   * independent shared caches would; a purge reaches them all.
   *
   * @param request the unsafe request as it was forwarded
   * @return how many variants were removed
   */
  public int invalidate(CacheRequest request) {
    if (!request.site().cache().enabled()) {
      return 0;
    }
    return store.removeAll(PrimaryKey.of(request.withMethod("GET")));
  }

  /**
   * Applies a purge named by the site's host, as change messages name it (SPEC §2: the key of a
   * {@code purge} change is the site's host, {@code *.parent} for a wildcard site).
   *
   * @return how many variants were removed; 0 when nothing of the site was ever cached here
   */
  public int purgeHost(String siteHost, PurgeSpec spec) {
    String siteId = siteIds.get(siteHost);
    return siteId == null ? 0 : store.purge(siteId, spec);
  }

  /**
   * Stores {@code response}, fetched for {@code request}, and remembers which site id the site's
   * host names, so that a purge naming the host finds it. Learnt here rather than on every lookup:
   * a purge concerns only what was stored.
   *
   * @return whether it was stored (see {@link ResponseStore#put})
   */
  boolean keep(CacheRequest request, CachedResponse response) {
    String siteHost = request.site().host();
    String siteId = response.key().primary().siteId();
    if (siteHost != null && !siteId.equals(siteIds.get(siteHost))) {
      siteIds.put(siteHost, siteId);
    }
    return store.put(response);
  }

  /** Applies new {@code responseCache} bounds (live config). */
  public void updateOptions(ResponseCacheOptions options) {
    maxObjectBytes = options.getMaxObjectBytes();
    store.setMaxBytes(options.getMaxBytes());
  }

  /** @return where stored bodies are kept: large ones in direct memory while its budget allows */
  StoredBodies bodies() {
    return bodies;
  }

  public ResponseStore store() {
    return store;
  }

  Coalescer<EntryKey> coalescer() {
    return coalescer;
  }

  long maxObjectBytes() {
    return maxObjectBytes;
  }

  long now() {
    return clock.getAsLong();
  }
}
