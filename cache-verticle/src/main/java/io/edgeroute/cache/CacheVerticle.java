package io.edgeroute.cache;

import io.edgeroute.cache.lookup.ChangeFeed;
import io.edgeroute.cache.lookup.ClusterChangeRelay;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSnapshot;
import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
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
 * {@link EventBusAddresses#CLUSTER_CHANGED}, keeps the live {@code kv.cache} options current and writes
 * the snapshot every {@link #SNAPSHOT_PERIOD} when it changed, and once more on stop. Deploy one
 * instance per node: the single-flight bookkeeping lives on its event loop.
 */
public class CacheVerticle extends VerticleBase {

  /** How often the snapshot file is rewritten when cached lookups changed. */
  public static final Duration SNAPSHOT_PERIOD = Duration.ofSeconds(5);

  private final KvStore store;
  private final Microcache microcache;
  private final Duration snapshotPeriod;
  private ChangeFeed changes;
  private ClusterChangeRelay relay;
  private MicrocacheSnapshot snapshot;

  /** A cache verticle with its own microcache (for nodes whose routers read the store directly). */
  public CacheVerticle(KvStore store) {
    this(store, new Microcache(KvKeys.defaults(), new MicrocacheOptions()));
  }

  /**
   * @param store the KV store whose reads this verticle caches
   * @param microcache the node-wide cache the routers' {@code MicrocacheSiteResolver} reads
   */
  public CacheVerticle(KvStore store, Microcache microcache) {
    this(store, microcache, SNAPSHOT_PERIOD);
  }

  CacheVerticle(KvStore store, Microcache microcache, Duration snapshotPeriod) {
    this.store = store;
    this.microcache = microcache;
    this.snapshotPeriod = snapshotPeriod;
  }

  @Override
  public Future<?> start() {
    microcache.setOptions(new EdgerouteOptions(config()).getKv().getCache());
    ConfigChanges.subscribe(vertx, next -> microcache.setOptions(next.getKv().getCache()));
    MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
    changes = new ChangeFeed(vertx, store, microcache, loader);
    relay = new ClusterChangeRelay(vertx, changes);
    changes.onNewFromStore(relay::publish);
    snapshot = new MicrocacheSnapshot(vertx, microcache);
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_LOOKUP, msg -> answer(loader, msg));
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_REFRESH, msg -> loader.refresh(msg.body().getString("key")));
    vertx.setPeriodic(snapshotPeriod.toMillis(), id -> snapshot.writeIfDirty());
    changes.start();
    return Future.all(relay.start(), snapshot.restore());
  }

  @Override
  public Future<?> stop() {
    return Future.join(relay.close(), changes.close(), snapshot.writeIfDirty());
  }

  /** @return the node-wide microcache this verticle fills */
  public Microcache microcache() {
    return microcache;
  }

  private static void answer(MicrocacheLoader loader, Message<JsonObject> msg) {
    // 503: the store cannot answer and nothing usable is cached (the router says Retry-After).
    loader.answer(msg.body().getString("key"))
        .onSuccess(lookup -> msg.reply(lookup.toJson()))
        .onFailure(e -> msg.fail(503, e.getMessage()));
  }
}
