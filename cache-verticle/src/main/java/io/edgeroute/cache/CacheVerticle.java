package io.edgeroute.cache;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Owns the KV microcache and the response cache (SPEC §5, §6). Empty for now: it only keeps the
 * live {@code kv.cache} options current, so the cache work can start from a wired verticle.
 */
public class CacheVerticle extends VerticleBase {

  private final KvStore store;
  private MicrocacheOptions microcache;

  /** @param store the KV store whose reads this verticle caches */
  public CacheVerticle(KvStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    microcache = new EdgerouteOptions(config()).getKv().getCache();
    ConfigChanges.subscribe(vertx, snapshot -> microcache = snapshot.getKv().getCache());
    return Future.succeededFuture();
  }

  /** @return the microcache options in effect */
  MicrocacheOptions microcache() {
    return microcache;
  }
}
