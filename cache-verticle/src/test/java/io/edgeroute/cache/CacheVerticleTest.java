package io.edgeroute.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cache verticle keeps the node's response cache bounds current (purges: PurgeDeliveryTest). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CacheVerticleTest {

  @Test
  void liveResponseCacheBoundsReachTheNodesCache(Vertx vertx) throws Exception {
    ResponseCache cache = new ResponseCache(vertx, new ResponseCacheOptions());
    JsonObject config = new JsonObject().put("responseCache", new JsonObject().put("maxBytes", "64MiB"));
    KvStore store = MemoryKvStore.open(vertx, null, KvKeys.defaults()).await(10, TimeUnit.SECONDS);
    Microcache microcache = new Microcache(KvKeys.defaults(), new MicrocacheOptions());
    vertx.deployVerticle(new CacheVerticle(store, new MicrocacheLoader(store, microcache), cache), new DeploymentOptions().setConfig(config))
        .await(10, TimeUnit.SECONDS);
    assertEquals(64L << 20, cache.store().maxBytes(), "the deployed config applies at start");

    EdgerouteOptions next = new EdgerouteOptions(new JsonObject().put("responseCache",
        new JsonObject().put("maxBytes", "32MiB").put("maxObjectBytes", "1MiB")));
    ConfigChanges.publish(vertx, next);
    Await.until("the new maxBytes applied", () -> cache.store().maxBytes() == 32L << 20);
  }
}
