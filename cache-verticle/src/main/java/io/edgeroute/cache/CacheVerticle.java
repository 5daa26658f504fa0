package io.edgeroute.cache;

import io.edgeroute.cache.lookup.ChangeFeed;
import io.edgeroute.cache.lookup.ClusterChangeRelay;
import io.edgeroute.cache.lookup.LookupCodec;
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
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Owns the KV microcache and the response cache (SPEC §5, §6). For the microcache it wires the
 * node-wide {@link Microcache} (shared with the routers' resolver) to its loader, the change feed
 * and the snapshot file: it answers {@link EventBusAddresses#KV_LOOKUP} and
 * {@link EventBusAddresses#KV_REFRESH}, exchanges changes with the other nodes on
 * {@link EventBusAddresses#CLUSTER_CHANGED}, keeps the live {@code kv.cache} and
 * {@code responseCache} options current and writes the snapshot every {@link #SNAPSHOT_PERIOD}
 * when it changed, and once more on stop. When given the node's {@link ResponseCache}, it applies
 * the purges the change feed lets through ({@link ResponsePurges}). Deploy one instance per node:
 * the single-flight bookkeeping lives on its event loop.
 */
public class CacheVerticle extends VerticleBase {

  /** How often the snapshot file is rewritten when cached lookups changed. */
  public static final Duration SNAPSHOT_PERIOD = Duration.ofSeconds(5);

  private final KvStore store;
  private final Microcache microcache;
  private final ResponseCache responseCache;
  private final Duration snapshotPeriod;
  private ChangeFeed changes;
  private ClusterChangeRelay relay;
  private MicrocacheSnapshot snapshot;
  private ResponsePurges purges;

  /** A cache verticle with its own microcache (for nodes whose routers read the store directly). */
  public CacheVerticle(KvStore store) {
    this(store, new Microcache(KvKeys.defaults(), new MicrocacheOptions()));
  }

  /**
   * @param store the KV store whose reads this verticle caches
   * @param microcache the node-wide cache the routers' {@code MicrocacheSiteResolver} reads
   */
  public CacheVerticle(KvStore store, Microcache microcache) {
    this(store, microcache, null);
  }

  /**
   * @param store the KV store whose reads this verticle caches
   * @param microcache the node-wide cache the routers' {@code MicrocacheSiteResolver} reads
   * @param responseCache the node's response cache (shared with the router instances), or {@code null}
   */
  public CacheVerticle(KvStore store, Microcache microcache, ResponseCache responseCache) {
    this(store, microcache, responseCache, SNAPSHOT_PERIOD);
  }

  CacheVerticle(KvStore store, Microcache microcache, ResponseCache responseCache, Duration snapshotPeriod) {
    this.store = store;
    this.microcache = microcache;
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
    MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
    changes = new ChangeFeed(vertx, store, microcache, loader);
    relay = new ClusterChangeRelay(vertx, changes);
    changes.onNewFromStore(relay::publish);
    snapshot = new MicrocacheSnapshot(vertx, microcache);
    LookupCodec.registerOn(vertx);
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_LOOKUP, msg -> answer(loader, msg));
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_REFRESH, msg -> loader.refresh(msg.body().getString("key")));
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

  private static void answer(MicrocacheLoader loader, Message<JsonObject> msg) {
    // 503: the store cannot answer and nothing usable is cached (the router says Retry-After).
    loader.answer(msg.body().getString("key"))
        .onSuccess(lookup -> msg.reply(lookup, LookupCodec.REPLY))
        .onFailure(e -> msg.fail(503, e.getMessage()));
  }
}
