package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;

import io.edgeroute.cache.CacheVerticle;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheCounters;
import io.edgeroute.cache.lookup.MicrocacheSiteResolver;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * One node as the app wires it (SPEC §5): a cache verticle owning the node's {@link Microcache}, and
 * a router reading it through a {@link MicrocacheSiteResolver}, over a real store.
 */
final class MicrocacheNode {

  final Microcache microcache;
  final RouterHarness router;
  private final Vertx vertx;
  private final String cacheDeployment;

  private MicrocacheNode(Vertx vertx, Microcache microcache, String cacheDeployment, RouterHarness router) {
    this.vertx = vertx;
    this.microcache = microcache;
    this.cacheDeployment = cacheDeployment;
    this.router = router;
  }

  /** @param config the configuration snapshot both verticles are deployed with ({@code kv.cache} included) */
  static MicrocacheNode start(Vertx vertx, KvStore store, JsonObject config) {
    JsonObject snapshot = RouterHarness.withLoopbackRouter(config);
    Microcache microcache = new Microcache(RouterHarness.KEYS, new EdgerouteOptions(snapshot).getKv().getCache());
    MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
    String cache = await(vertx.deployVerticle(new CacheVerticle(store, loader, null), new DeploymentOptions().setConfig(snapshot)));
    RouterHarness router = RouterHarness.deploy(vertx, store, snapshot, new MicrocacheSiteResolver(vertx, loader));
    return new MicrocacheNode(vertx, microcache, cache, router);
  }

  MicrocacheCounters counters() {
    return microcache.counters();
  }

  /** Stops the router, then the cache verticle (which writes its snapshot on the way out). */
  Future<Void> stop() {
    return router.close().compose(v -> vertx.undeploy(cacheDeployment));
  }
}
