package io.edgeroute.cache;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSnapshot;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.time.Duration;

/**
 * Keeps the node's caches current (SPEC §5, §6): runs the node's {@link Invalidation} (the change
 * channel and the peers' changes, applied to the microcache, the response cache and the certificate
 * cache), the snapshot file (rewritten every {@link #SNAPSHOT_PERIOD} when lookups changed, and once
 * more on stop), and the live {@code kv.cache} and {@code responseCache} options. The lookups
 * themselves never pass through it: routers call the node's {@link MicrocacheLoader} directly.
 * Deploy one instance per node.
 */
public class CacheVerticle extends VerticleBase {

  /** How often the snapshot file is rewritten when cached lookups changed. */
  public static final Duration SNAPSHOT_PERIOD = Duration.ofSeconds(5);

  private final Invalidation invalidation;
  private final Microcache microcache;
  private final ResponseCache responseCache;
  private final Duration snapshotPeriod;
  private MicrocacheSnapshot snapshot;

  /** A cache verticle with its own microcache (for nodes whose routers read the store directly). */
  public CacheVerticle(KvStore store) {
    this(store, new MicrocacheLoader(store, new Microcache(KvKeys.defaults(), new MicrocacheOptions())), null);
  }

  /**
   * @param store the KV store whose changes this verticle follows
   * @param loader the node's loader (the routers' {@code MicrocacheSiteResolver} calls it too)
   * @param responseCache the node's response cache (shared with the router instances), or {@code null}
   */
  public CacheVerticle(KvStore store, MicrocacheLoader loader, ResponseCache responseCache) {
    this(new Invalidation(store, loader, responseCache));
  }

  /** @param invalidation the node's invalidation, whose listeners (the certificate cache) are registered already */
  public CacheVerticle(Invalidation invalidation) {
    this(invalidation, SNAPSHOT_PERIOD);
  }

  CacheVerticle(Invalidation invalidation, Duration snapshotPeriod) {
    this.invalidation = invalidation;
    this.microcache = invalidation.loader().microcache();
    this.responseCache = invalidation.responseCache();
    this.snapshotPeriod = snapshotPeriod;
  }

  @Override
  public Future<?> start() {
    EdgerouteOptions options = new EdgerouteOptions(config());
    microcache.setOptions(options.getKv().getCache());
    if (responseCache != null) {
      responseCache.updateOptions(options.getResponseCache());
    }
    ConfigChanges.subscribe(vertx, this::reconfigure);
    CacheMeters.bind(Metrics.registry(), microcache);
    if (responseCache != null) {
      CacheMeters.bind(Metrics.registry(), responseCache.store());
    }
    snapshot = new MicrocacheSnapshot(vertx, microcache);
    vertx.setPeriodic(snapshotPeriod.toMillis(), id -> snapshot.writeIfDirty());
    return Future.all(invalidation.start(vertx), snapshot.restore());
  }

  @Override
  public Future<?> stop() {
    return Future.join(invalidation.close(), snapshot.writeIfDirty());
  }

  /** @return the node-wide microcache this verticle fills */
  public Microcache microcache() {
    return microcache;
  }

  private void reconfigure(EdgerouteOptions next) {
    microcache.setOptions(next.getKv().getCache());
    if (responseCache != null) {
      responseCache.updateOptions(next.getResponseCache());
    }
  }
}
