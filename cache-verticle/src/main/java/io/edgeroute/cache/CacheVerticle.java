package io.edgeroute.cache;

import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.cache.response.ResponsePurges;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Owns the KV microcache and the response cache (SPEC §5, §6). Keeps the live {@code kv.cache}
 * and {@code responseCache} options current and, when given the node's {@link ResponseCache},
 * brings purges to it through {@link ResponsePurges}.
 */
public class CacheVerticle extends VerticleBase {

  private final KvStore store;
  private final ResponseCache responseCache;
  private MicrocacheOptions microcache;
  private ResponsePurges purges;

  /** @param store the KV store whose reads this verticle caches */
  public CacheVerticle(KvStore store) {
    this(store, null);
  }

  /**
   * @param store         the KV store whose reads this verticle caches
   * @param responseCache the node's response cache (shared with the router instances), or {@code null}
   */
  public CacheVerticle(KvStore store, ResponseCache responseCache) {
    this.store = store;
    this.responseCache = responseCache;
  }

  @Override
  public Future<?> start() {
    microcache = new EdgerouteOptions(config()).getKv().getCache();
    ConfigChanges.subscribe(vertx, snapshot -> {
      microcache = snapshot.getKv().getCache();
      if (responseCache != null) {
        responseCache.updateOptions(snapshot.getResponseCache());
      }
    });
    if (responseCache == null) {
      return Future.succeededFuture();
    }
    responseCache.updateOptions(new EdgerouteOptions(config()).getResponseCache());
    return ResponsePurges.start(vertx, store, responseCache).onSuccess(p -> purges = p);
  }

  @Override
  public Future<?> stop() {
    return purges == null ? Future.succeededFuture() : purges.stop();
  }

  /** @return the microcache options in effect */
  MicrocacheOptions microcache() {
    return microcache;
  }
}
