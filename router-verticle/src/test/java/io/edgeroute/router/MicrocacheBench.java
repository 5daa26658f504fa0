package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.RedisKvStore;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The microcache benchmark (issue 4): traffic over {@value #HOSTS} hosts through the real router,
 * cache verticle and a real standalone Redis, reporting the GETs Redis itself counted
 * ({@code INFO commandstats}) per 1,000 requests. Not a unit test (its name does not end in Test,
 * so {@code mvn verify} skips it); {@code scripts/bench-microcache.sh} runs it and prints the result.
 *
 * <p>Hosts are drawn from a Zipf distribution (exponent {@value #ZIPF_EXPONENT}, a few hosts get most
 * of the traffic, as on a real edge) with a fixed seed. Two phases of {@code bench.requests}
 * requests each (default {@value #DEFAULT_REQUESTS}): "cold" starts with an empty cache, "warm"
 * follows it within the default 30 s TTL. Requests are sent by {@value #CONCURRENCY} keep-alive
 * loops.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.MINUTES)
class MicrocacheBench {

  static final int HOSTS = 10_000;
  static final int DEFAULT_REQUESTS = 50_000;
  static final int CONCURRENCY = 64;
  static final double ZIPF_EXPONENT = 1.0;
  /** Where the figures are written, relative to the module directory. */
  static final Path RESULT = Path.of("target", "bench-microcache.txt");

  private static final Logger LOG = Logger.getLogger(MicrocacheBench.class.getName());

  @Test
  void redisReadsPerThousandRequestsOverTenThousandHosts(Vertx vertx) throws IOException {
    int requests = Integer.getInteger("bench.requests", DEFAULT_REQUESTS);
    try (EmbeddedRedisServer redis = EmbeddedRedisServer.start()) {
      KvStore store = RedisKvStore.create(vertx, new RedisOptions().setType(RedisClientType.STANDALONE)
          .setConnectionString(redis.endpoint()), RouterHarness.KEYS, Duration.ofSeconds(2));
      // Not a TestOrigin: it records every request in a copy-on-write list, which over 100,000
      // requests turns into gigabytes of copying and GC pauses within the module's 256 MiB heap.
      HttpServer origin = await(vertx.createHttpServer().requestHandler(r -> r.response().end("origin"))
          .listen(0, "127.0.0.1"));
      String site = new JsonObject().put("version", 1).put("origin", origin("http://origin.internal", origin.actualPort())).encode();
      // Written as a platform may (SPEC §2): plain SETs, pipelined, straight into Redis.
      try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
        Pipeline pipeline = jedis.pipelined();
        for (int i = 0; i < HOSTS; i++) {
          pipeline.set(RouterHarness.KEYS.site(host(i)), site);
        }
        pipeline.sync();
      }
      MicrocacheNode node = MicrocacheNode.start(vertx, store, new JsonObject()
          .put("kv", new JsonObject().put("cache", new JsonObject().putNull("snapshotFile"))));
      RedisStats stats = new RedisStats(List.of(redis.port()));
      int[] draws = zipfDraws(2 * requests);

      String cold = phase("cold", node, stats, draws, 0, requests);
      String warm = phase("warm", node, stats, draws, requests, requests);
      String report = "Microcache benchmark: " + HOSTS + " hosts, Zipf(" + ZIPF_EXPONENT + ") traffic, "
          + CONCURRENCY + " concurrent keep-alive visitors, ttl 30s, standalone Redis\n" + cold + warm
          + "app counters: " + node.counters().toJson().encode() + "\n";
      Files.createDirectories(RESULT.getParent());
      Files.writeString(RESULT, report);
      LOG.info(report);
      await(node.stop());
      await(store.close());
    }
  }

  private static String phase(String name, MicrocacheNode node, RedisStats stats, int[] draws, int from, int count) {
    long gets = stats.getCalls();
    long mgets = stats.mgetCalls();
    long start = System.nanoTime();
    Traffic.Tally tally = awaitPhase(Traffic.requests(node.router, count, CONCURRENCY, i -> host(draws[from + i])));
    double seconds = (System.nanoTime() - start) / 1e9;
    long getCalls = stats.getCalls() - gets;
    long mgetCalls = stats.mgetCalls() - mgets;
    long reads = getCalls + mgetCalls;
    // Reported, not asserted: a benchmark on a shared machine says what happened, stalls included.
    return String.format("%s: %d requests in %.1f s (%.0f/s), answers %s, %d Redis GETs and %d MGETs = %.2f Redis reads per 1,000 requests%n",
        name, count, seconds, count / seconds, tally, getCalls, mgetCalls, reads * 1000.0 / count);
  }

  /** A phase may take minutes on a busy machine: longer than the harness's 30 s await. */
  private static <T> T awaitPhase(Future<T> phase) {
    try {
      return phase.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError("phase failed: " + e, e);
    }
  }

  private static String host(int i) {
    return "h" + i + ".bench.example";
  }

  /** @return {@code n} host indexes in [0, HOSTS), Zipf-distributed, from a fixed seed */
  private static int[] zipfDraws(int n) {
    double[] cumulative = new double[HOSTS];
    double sum = 0;
    for (int k = 0; k < HOSTS; k++) {
      sum += 1 / Math.pow(k + 1, ZIPF_EXPONENT);
      cumulative[k] = sum;
    }
    Random random = new Random(42);
    int[] draws = new int[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = HOSTS - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      draws[i] = lo;
    }
    return draws;
  }
}
