package io.edgeroute.shared.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.RedisKvOptions;
import io.edgeroute.shared.testing.EmbeddedRedisCluster;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Redis Cluster master killed under the store: once its replica has taken over (the cluster's
 * node timeout is 3 s here), writes to its slots succeed again within that timeout + 5 s, reads see
 * what was written before the kill, and the change subscription still delivers.
 */
@ExtendWith(VertxExtension.class)
class RedisClusterFailoverTest {

  private static final Logger LOG = Logger.getLogger(RedisClusterFailoverTest.class.getName());
  private static final KvKeys KEYS = new KvKeys("edgeroute:");
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

  private EmbeddedRedisCluster cluster;
  private KvStore store;

  @BeforeEach
  void start(Vertx vertx) {
    cluster = EmbeddedRedisCluster.startWithReplicas();
    RedisKvOptions options = new RedisKvOptions(new JsonObject().put("type", "cluster")
        .put("endpoints", new JsonArray(cluster.endpoints())));
    store = RedisKvStore.create(vertx, options.toRedisOptions(), KEYS, Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    store.close().await();
    cluster.close();
  }

  @Test
  void writesSucceedAgainWithinTheNodeTimeoutPlusFiveSecondsAfterAMasterIsKilled() throws Exception {
    String key = KEYS.site("failover.example");
    store.put(key, doc(1), KvStore.ABSENT).await(5, TimeUnit.SECONDS);
    int master = cluster.nodeServing(key);

    long killed = System.nanoTime();
    cluster.stopNode(master);
    long limit = killed + NODE_TIMEOUT.plusSeconds(5).toNanos();
    boolean written = false;
    String lastFailure = "none";
    while (!written && System.nanoTime() < limit) {
      try {
        store.put(key, doc(2), 1).await(2, TimeUnit.SECONDS);
        written = true;
      } catch (KvConflictException e) {
        // An attempt that timed out here may still have reached the new master: then it is written.
        written = store.get(key).await(2, TimeUnit.SECONDS).version() == 2;
        lastFailure = e.toString();
      } catch (Exception e) {
        // Refused while the replica takes over: try again until the limit.
        lastFailure = e.toString();
      }
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    LOG.info("first write after the kill: " + tookMs + " ms");
    assertTrue(written, "no successful write within " + NODE_TIMEOUT.plusSeconds(5) + " (" + tookMs + " ms); last failure: "
        + lastFailure + "; the cluster then: " + cluster.describe());
    assertEquals(2, store.get(key).await(2, TimeUnit.SECONDS).version());
    assertTrue(cluster.nodeServing(key) != master, "the replica serves the slot now");
  }

  private static String doc(long version) {
    return new JsonObject().put("version", version).encode();
  }
}
