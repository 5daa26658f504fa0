package io.edgeroute.cache;

import io.edgeroute.cache.lookup.ChangeFeed;
import io.edgeroute.cache.lookup.ClusterChangeRelay;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSnapshot;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.cache.response.ResponsePurges;
import io.edgeroute.shared.bus.EventBusAddresses;
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
 * Keeps the node's caches current (SPEC §5, §6): the KV microcache's change feed (the store's
 * change channel, and the changes of the other nodes on {@link EventBusAddresses#CLUSTER_CHANGED}),
 * the snapshot file (rewritten every {@link #SNAPSHOT_PERIOD} when lookups changed, and once more on
 * stop), the live {@code kv.cache} and {@code responseCache} options, and, given the node's
 * {@link ResponseCache}, the purges the change feed lets through ({@link ResponsePurges}). The
 * lookups themselves never pass through it: routers call the node's {@link MicrocacheLoader}
 * directly. Deploy one instance per node.
 */
public class CacheVerticle extends VerticleBase {

  /** How often the snapshot file is rewritten when cached lookups changed. */
  public static final Duration SNAPSHOT_PERIOD = Duration.ofSeconds(5);

  private final KvStore store;
  private final MicrocacheLoader loader;
  private final Microcache microcache;
  private final ResponseCache responseCache;
  private final Duration snapshotPeriod;
  private ChangeFeed changes;
  private ClusterChangeRelay relay;
  private MicrocacheSnapshot snapshot;
  private ResponsePurges purges;

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
    this(store, loader, responseCache, SNAPSHOT_PERIOD);
  }

  CacheVerticle(KvStore store, MicrocacheLoader loader, ResponseCache responseCache, Duration snapshotPeriod) {
    this.store = store;
    this.loader = loader;
    this.microcache = loader.microcache();
    this.responseCache = responseCache;
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
    changes = new ChangeFeed(vertx, store, microcache, loader);
    relay = new ClusterChangeRelay(vertx, changes);
    changes.onNewFromStore(relay::publish);
    snapshot = new MicrocacheSnapshot(vertx, microcache);
    vertx.setPeriodic(snapshotPeriod.toMillis(), id -> snapshot.writeIfDirty());
    Future<Void> purging = responseCache == null ? Future.succeededFuture()
        : ResponsePurges.start(vertx, responseCache).onSuccess(p -> purges = p).mapEmpty();
    // Purges ride the change feed, so its consumer is registered before the feed starts.
    return purging.compose(v -> {
      changes.start();
      return Future.all(relay.start(), snapshot.restore());
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(relay.close(), changes.close(), snapshot.writeIfDirty(),
        purges == null ? Future.succeededFuture() : purges.stop());
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
