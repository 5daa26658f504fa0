package io.edgeroute.app;

import io.edgeroute.admin.AdminVerticle;
import io.edgeroute.cache.CacheVerticle;
import io.edgeroute.cache.Invalidation;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSiteResolver;
import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.router.RouterVerticle;
import io.edgeroute.router.tls.NodeCertificates;
import io.edgeroute.router.tls.NodeTls;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.ConfigWatcher;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.KvOptions;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvStores;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Loads and watches the configuration, then deploys the cache verticle, the router verticle
 * ({@code router.instances} of them, 0 = one per core) and the admin verticle, in that order. The
 * routers read the watcher's typed snapshot, the others get it as their config; all follow live
 * keys on {@code CONFIG_CHANGED}.
 * The routers read the node's one {@link Microcache} (SPEC §5) and fill it through the node's one
 * {@link MicrocacheLoader}; the cache verticle invalidates and snapshots it.
 */
public class MainVerticle extends VerticleBase {

  /** Key of this verticle's config: the configuration file to load and watch. */
  public static final String CONFIG_PATH = "configPath";

  private static final Logger LOG = Logger.getLogger(MainVerticle.class.getName());

  private ConfigWatcher watcher;
  private KvStore store;

  /** @return the config to deploy this verticle with for the file {@code path} */
  public static JsonObject configFor(String path) {
    return new JsonObject().put(CONFIG_PATH, path);
  }

  @Override
  public Future<?> start() {
    long began = System.nanoTime();
    watcher = new ConfigWatcher(vertx, config().getString(CONFIG_PATH, LaunchArgs.DEFAULT_CONFIG_PATH));
    return watcher.start().compose(snapshot -> {
      Logging.apply(snapshot.getLog());
      ConfigChanges.subscribe(vertx, next -> Logging.apply(next.getLog()));
      return KvStores.open(vertx, snapshot.getKv()).compose(opened -> {
        store = opened;
        KvKeys keys = KvStores.keys(snapshot.getKv());
        // One microcache and one response cache per node: the cache verticle fills and purges them,
        // every router instance reads them (SPEC §5, §6).
        Microcache microcache = new Microcache(keys, snapshot.getKv().getCache());
        // One loader per node: the routers call it on a miss, the cache verticle's change feed on a change.
        MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
        SiteResolver resolver = new MicrocacheSiteResolver(vertx, loader);
        ResponseCache responseCache = new ResponseCache(vertx, snapshot.getResponseCache());
        NodeTls tls = NodeCertificates.create(vertx, store, keys, snapshot);
        Invalidation invalidation = new Invalidation(store, loader, responseCache);
        if (tls != null) {
          invalidation.listen(context, tls::changed);
        }
        Readiness readiness = new Readiness(vertx, store, microcache::holdsRoutingData, true);
        return deploy(() -> new CacheVerticle(invalidation), 1)
            // The routers take the snapshot typed and are deployed without a config (RouterVerticle#configuredBy).
            .compose(v -> vertx.deployVerticle(() -> new RouterVerticle(resolver, responseCache, tls, readiness)
                .configuredBy(watcher::current), new DeploymentOptions()
                .setInstances(snapshot.getRouter().resolveInstances())).mapEmpty())
            .compose(v -> deploy(() -> new AdminVerticle(store, readiness), 1));
      });
    }).onSuccess(v -> LOG.info(startedLine(watcher.current(), System.nanoTime() - began)));
  }

  @Override
  public Future<?> stop() {
    if (watcher != null) {
      watcher.stop();
    }
    // Undeploying children happens before stop(), so nothing uses the store any more.
    return store == null ? Future.succeededFuture() : store.close();
  }

  /** The one start-up line: what an operator checks first (version, listeners, KV backend, cluster). */
  private String startedLine(EdgerouteOptions o, long nanos) {
    KvOptions kv = o.getKv();
    String store = kv.getType().equals("redis")
        ? "redis " + kv.getRedis().getType() + " " + kv.getRedis().getEndpoints()
        : kv.getType() + " (" + kv.getFile() + ")";
    return "Edgeroute started (" + Usage.version() + ", " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms): router "
        + o.getRouter().getHost() + ":" + BoundPorts.get(vertx, BoundPorts.ROUTER) + " x"
        + o.getRouter().resolveInstances() + ", admin " + o.getAdmin().getHost() + ":"
        + BoundPorts.get(vertx, BoundPorts.ADMIN) + ", kv " + store + ", "
        + (vertx.isClustered() ? "clustered" : "not clustered") + ", metrics "
        + (o.getMetrics().isEnabled() ? "/metrics" : "off") + ", access log "
        + (!o.getLog().isAccess() ? "off" : o.getLog().getAccessFile() == null ? "stdout" : o.getLog().getAccessFile());
  }

  private Future<Void> deploy(Supplier<? extends Deployable> verticle, int instances) {
    // The latest snapshot, so a change that arrived while earlier verticles started is not lost.
    EdgerouteOptions snapshot = watcher.current();
    return vertx.deployVerticle(verticle, new DeploymentOptions()
        .setInstances(instances).setConfig(snapshot.toJson())).mapEmpty();
  }
}
