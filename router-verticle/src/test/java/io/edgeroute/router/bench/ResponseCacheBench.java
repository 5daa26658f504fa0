package io.edgeroute.router.bench;

import io.edgeroute.router.ReadThroughResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.router.RouterVerticle;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cache-hit serving against direct-to-origin, on loopback, in one JVM (scripts/bench-response-cache.sh).
 *
 * <p>Three runs of a closed-loop load generator with {@code connections} keep-alive connections,
 * each sending its next GET as soon as the previous answer's body is in:
 * <ol>
 *   <li>{@code origin direct}: straight to the origin (no router at all);</li>
 *   <li>{@code router, cache off}: through the router to the origin (site without {@code cache});</li>
 *   <li>{@code router, cache hit}: through the router, every request a hit of the response cache.</li>
 * </ol>
 * The origin answers a {@code bodyBytes} body after {@code originDelayMs} (a timer, 0 = at once).
 * The server side (origin + router) and the load generator run on separate Vert.x instances with
 * their own event loops, but share the machine's cores; the figures are relative, not absolute.
 *
 * <p>System properties: {@code connections} (50), {@code warmupSeconds} (3), {@code seconds} (10),
 * {@code bodyBytes} (4096), {@code originDelayMs} (0), {@code routerInstances} (1), {@code boundObjects}
 * (10000: the objects of the final bound measurement).
 */
public final class ResponseCacheBench {

  private static final String CACHED = "cached.bench";
  private static final String PLAIN = "plain.bench";

  private ResponseCacheBench() {
  }

  public static void main(String[] args) throws Exception {
    int connections = Integer.getInteger("connections", 50);
    int warmup = Integer.getInteger("warmupSeconds", 3);
    int seconds = Integer.getInteger("seconds", 10);
    int bodyBytes = Integer.getInteger("bodyBytes", 4096);
    int originDelay = Integer.getInteger("originDelayMs", 0);
    int routers = Integer.getInteger("routerInstances", 1);

    Vertx server = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(routers + 1));
    Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      Buffer body = Buffer.buffer(new byte[bodyBytes]);
      HttpServer origin = await(server.createHttpServer().requestHandler(request -> {
        var response = request.response().putHeader("Cache-Control", "max-age=3600")
            .putHeader("Content-Type", "application/octet-stream");
        if (originDelay > 0) {
          server.setTimer(originDelay, id -> response.end(body));
        } else {
          response.end(body);
        }
      }).listen(0, "127.0.0.1"));

      KvStore store = await(MemoryKvStore.open(server, null, KvKeys.defaults()));
      ResponseCache cache = new ResponseCache(server, new ResponseCacheOptions());
      for (String host : List.of(CACHED, PLAIN)) {
        JsonObject site = new JsonObject().put("host", host).put("siteId", host).put("version", 1)
            .put("origin", new JsonObject().put("url", "http://origin.bench")
                .put("connectTo", "127.0.0.1:" + origin.actualPort()));
        if (host.equals(CACHED)) {
          site.put("cache", new JsonObject().put("enabled", true));
        }
        await(store.put(KvKeys.defaults().site(host), site.encode(), KvStore.ANY_VERSION));
      }
      JsonObject config = new JsonObject().put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0)
          .put("maxConnectionsPerOrigin", Math.max(connections, 10)));
      await(server.deployVerticle(() -> new RouterVerticle(ReadThroughResolver.of(server, store, KvKeys.defaults()), cache),
          new DeploymentOptions().setConfig(config).setInstances(routers)));
      int routerPort = BoundPorts.get(server, BoundPorts.ROUTER);

      System.out.printf(Locale.ROOT, "edgeroute response cache bench: %d connections, %d s (+%d s warm-up), "
              + "%d-byte body, origin delay %d ms, %d router instance(s), %d cores%n",
          connections, seconds, warmup, bodyBytes, originDelay, routers, Runtime.getRuntime().availableProcessors());
      run(load, "origin direct", origin.actualPort(), "origin.bench", connections, warmup, seconds);
      run(load, "router, cache off", routerPort, PLAIN, connections, warmup, seconds);
      run(load, "router, cache hit", routerPort, CACHED, connections, warmup, seconds);
      System.out.printf(Locale.ROOT, "cache: %d entries, %d bytes%n", cache.store().size(),
          cache.store().weightedBytes());
      bound(load, cache, routerPort, Integer.getInteger("boundObjects", 10_000), bodyBytes);
    } finally {
      load.close().await(10, TimeUnit.SECONDS);
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void run(Vertx vertx, String name, int port, String host, int connections, int warmup, int seconds)
      throws Exception {
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/asset/app.js")
        .putHeader("Host", host);
    Recorder recorder = new Recorder();
    AtomicBoolean running = new AtomicBoolean(true);
    for (int i = 0; i < connections; i++) {
      vertx.runOnContext(v -> loop(client, options, recorder, running));
    }
    Thread.sleep(warmup * 1000L);
    recorder.start();
    Thread.sleep(seconds * 1000L);
    Recorder.Result result = recorder.stop();
    running.set(false);
    client.close().await(10, TimeUnit.SECONDS);
    System.out.printf(Locale.ROOT, "%-18s %9.0f req/s   latency ms: mean %.3f  p50 %.3f  p99 %.3f  max %.3f"
            + "   (%d requests, %d errors)%n", name, result.perSecond(), result.meanMs(), result.p50Ms(),
        result.p99Ms(), result.maxMs(), result.count(), result.errors());
  }

  /**
   * Fills a cache bounded to 4 MiB with {@code objects} distinct responses through the router and
   * measures what it retains: the store's weighed bytes, and the heap it holds (used heap after a
   * full GC with the cache filled, minus the same after purging it).
   */
  private static void bound(Vertx vertx, ResponseCache cache, int port, int objects, int bodyBytes) throws Exception {
    long maxBytes = 4L << 20;
    cache.updateOptions(new ResponseCacheOptions().setMaxBytes(maxBytes).setMaxObjectBytes(1L << 20));
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(20));
    long peak = 0;
    for (int batch = 0; batch < objects; batch += 100) {
      List<Future<Buffer>> answers = new java.util.ArrayList<>();
      for (int i = batch; i < Math.min(objects, batch + 100); i++) {
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/object/" + i)
            .putHeader("Host", CACHED);
        io.vertx.core.Promise<Buffer> answer = io.vertx.core.Promise.promise();
        vertx.runOnContext(v -> client.request(options).compose(r -> r.send()).compose(r -> r.body()).onComplete(answer));
        answers.add(answer.future());
      }
      await(Future.all(answers));
      peak = Math.max(peak, cache.store().weightedBytes());
    }
    long filledHeap = usedHeapAfterGc();
    long weighed = cache.store().weightedBytes();
    int entries = cache.store().size();
    cache.purge(CACHED, io.edgeroute.shared.model.PurgeSpec.everything());
    long emptyHeap = usedHeapAfterGc();
    System.out.printf(Locale.ROOT, "bound: %d distinct %d-byte objects (%d bytes offered) into maxBytes %d: "
            + "%d entries kept, weighed %d bytes (peak %d), heap held by them %d bytes%n", objects, bodyBytes,
        (long) objects * bodyBytes, maxBytes, entries, weighed, peak, filledHeap - emptyHeap);
    client.close().await(10, TimeUnit.SECONDS);
  }

  private static long usedHeapAfterGc() {
    java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void loop(HttpClientAgent client, RequestOptions options, Recorder recorder, AtomicBoolean running) {
    if (!running.get()) {
      return;
    }
    long start = System.nanoTime();
    Future<Buffer> answer = client.request(options).compose(r -> r.send())
        .compose(r -> r.statusCode() == 200 ? r.body() : Future.failedFuture("status " + r.statusCode()));
    answer.onComplete(ar -> {
      recorder.record(System.nanoTime() - start, ar.succeeded());
      loop(client, options, recorder, running);
    });
  }

  /** Latencies of the measured window; one load event loop writes, the main thread reads after stop. */
  private static final class Recorder {
    record Result(long count, long errors, double perSecond, double meanMs, double p50Ms, double p99Ms,
                  double maxMs) {
    }

    private volatile boolean on;
    private long[] latencies = new long[1 << 20];
    private int count;
    private long errors;
    private long startNanos;

    void start() {
      startNanos = System.nanoTime();
      on = true;
    }

    synchronized void record(long nanos, boolean ok) {
      if (!on) {
        return;
      }
      if (!ok) {
        errors++;
        return;
      }
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    synchronized Result stop() {
      on = false;
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      long[] sorted = Arrays.copyOf(latencies, count);
      Arrays.sort(sorted);
      double sum = 0;
      for (long l : sorted) {
        sum += l;
      }
      return new Result(count, errors, count / elapsed, count == 0 ? 0 : sum / count / 1e6, pct(sorted, 0.50),
          pct(sorted, 0.99), count == 0 ? 0 : sorted[count - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }
}
