package io.edgeroute.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSiteResolver;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.Site;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file is rewritten periodically while the node runs, and read by the next start. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MicrocacheSnapshotTest {

  private static final KvKeys KEYS = KvKeys.defaults();

  @TempDir
  Path dir;

  @Test
  void writesTheSnapshotWhileRunningAndANewNodeStartsFromIt(Vertx vertx) {
    Path file = dir.resolve("kv-snapshot.jsonl");
    JsonObject config = new JsonObject().put("kv", new JsonObject().put("cache",
        new JsonObject().put("snapshotFile", file.toString())));
    KvStore store = await(MemoryKvStore.open(vertx, null, KEYS));
    await(store.put(KEYS.site("known.example"), new JsonObject().put("version", 3)
        .put("origin", new JsonObject().put("url", "http://origin.example")).encode(), KvStore.ANY_VERSION));
    Microcache microcache = new Microcache(KEYS, new MicrocacheOptions());
    MicrocacheLoader loader = new MicrocacheLoader(store, microcache);
    String first = await(vertx.deployVerticle(new CacheVerticle(new Invalidation(store, loader, null), Duration.ofMillis(50)),
        new DeploymentOptions().setConfig(config)));
    await(new MicrocacheSiteResolver(vertx, loader).site("known.example"));

    // Written by the periodic timer, the verticle still running.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!Files.exists(file)) {
      assertTrue(System.nanoTime() < deadline, "no snapshot written");
      await(timer(vertx, 20));
    }

    await(vertx.undeploy(first));
    KvStore empty = await(MemoryKvStore.open(vertx, null, KEYS));
    MicrocacheLoader restarted = new MicrocacheLoader(empty, new Microcache(KEYS, new MicrocacheOptions()));
    await(vertx.deployVerticle(new CacheVerticle(empty, restarted, null), new DeploymentOptions().setConfig(config)));
    Site site = await(new MicrocacheSiteResolver(vertx, restarted).site("known.example"));
    assertEquals("http://origin.example", site.origin().url().toString());
    assertEquals(3, site.version());
    assertEquals(0, restarted.microcache().counters().redisReads(), "answered from the snapshot alone");
  }

  private static Future<Void> timer(Vertx vertx, long ms) {
    Promise<Void> fired = Promise.promise();
    vertx.setTimer(ms, id -> fired.complete());
    return fired.future();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
