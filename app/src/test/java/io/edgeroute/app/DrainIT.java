package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real fat jar (SPEC §8): with a 3 s request and a 50 MB download in flight,
 * readiness answers 503 at once, new connections are refused once {@code shutdown.delay} is over,
 * both requests complete in full, and the process exits 0; a node whose drain fails still exits.
 */
class DrainIT {

  private static final long BIG = 50L * 1024 * 1024;
  private static final Buffer MIB = Buffer.buffer(new byte[1024 * 1024]);
  private static final String OPERATOR = "operator-secret";

  @TempDir
  Path dir;
  private Vertx vertx;
  private HttpClient client;
  private Process edgeroute;
  private Path output;
  private int originPort;
  private int routerPort;
  private int adminPort;
  private final AtomicLong slowArrived = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    HttpServer origin = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/slow")) {
        slowArrived.incrementAndGet();
        vertx.setTimer(3_000, id -> request.response().end("slow done"));
      } else {
        HttpServerResponse response = request.response().putHeader("Content-Length", Long.toString(BIG));
        sendMebibytes(response, BIG / MIB.length());
      }
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    originPort = origin.actualPort();
  }

  /** Starts the fat jar at {@code jar} on a config of its own, waits until it is ready and adds a site. */
  private void launch(String jar) throws Exception {
    routerPort = FreePorts.freePort();
    adminPort = FreePorts.freePort();
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", routerPort).put("instances", 1))
        .put("admin", new JsonObject().put("port", adminPort).put("allowPrivateOrigins", true)
            .put("operatorTokens", new JsonArray().add(OPERATOR)))
        .put("kv", new JsonObject().put("file", dir.resolve("kv.json").toString())
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve("snapshot.json").toString())))
        .put("log", new JsonObject().put("access", false))
        .put("shutdown", new JsonObject().put("delay", "1s").put("timeout", "20s"));
    Path conf = Files.writeString(dir.resolve("edgeroute.json"), config.encodePrettily());
    output = dir.resolve("edgeroute.out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    edgeroute = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "-conf", conf.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).directory(dir.toFile()).start();
    awaitReady();
    createSite(originPort);
  }

  @AfterEach
  void stop() throws Exception {
    if (edgeroute != null && edgeroute.isAlive()) {
      edgeroute.destroyForcibly();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void sigtermLetsRequestsInFlightFinishRefusesNewConnectionsAndExitsZero() throws Exception {
    launch(System.getProperty("edgeroute.jar"));
    Future<String> slow = send("/slow").compose(HttpClientResponse::body).map(Buffer::toString);
    AtomicLong received = new AtomicLong();
    Promise<Void> downloading = Promise.promise();
    Future<Long> download = send("/big").compose(response -> slowlyCount(response, received, downloading));
    await(downloading.future());
    while (slowArrived.get() == 0) {
      TimeUnit.MILLISECONDS.sleep(10);
    }

    edgeroute.destroy(); // SIGTERM

    assertEquals(503, readinessUntilItChanges(), "readiness after SIGTERM");
    awaitRefused(routerPort);
    assertTrue(!download.isComplete() || !slow.isComplete(), "something was still in flight when refused");
    assertEquals("slow done", slow.await(30, TimeUnit.SECONDS));
    assertEquals(BIG, download.await(60, TimeUnit.SECONDS));
    assertTrue(edgeroute.waitFor(60, TimeUnit.SECONDS), "exited");
    assertEquals(0, edgeroute.exitValue(), Files.readString(output));
    String log = Files.readString(output);
    assertTrue(log.contains("SIGTERM: draining"), log);
    assertTrue(log.contains("Edgeroute stopped"), log);
    assertTrue(!log.contains("SEVERE"), log);
  }

  @Test
  void aNodeWhoseJarWasOverwrittenWhileRunningStillExitsOnSigterm() throws Exception {
    // An upgrade that copies the new jar over the running one: the classes a close needs and had
    // not loaded yet can no longer be read. The drain fails, and the process must still end.
    Path jar = Files.copy(Path.of(System.getProperty("edgeroute.jar")), dir.resolve("edgeroute.jar"));
    launch(jar.toString());
    assertEquals("slow done", send("/slow").compose(HttpClientResponse::body).map(Buffer::toString)
        .await(10, TimeUnit.SECONDS));
    Files.write(jar, new byte[0]);

    edgeroute.destroy(); // SIGTERM

    assertTrue(edgeroute.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM: " + read(output));
    assertEquals(1, edgeroute.exitValue(), read(output));
    assertTrue(read(output).contains("SIGTERM: draining"), read(output));
  }

  /** Writes {@code left} MiB with back-pressure. */
  private static void sendMebibytes(HttpServerResponse response, long left) {
    long remaining = left;
    while (remaining > 0 && !response.writeQueueFull()) {
      response.write(MIB.copy());
      remaining--;
    }
    if (remaining == 0) {
      response.end();
    } else {
      long rest = remaining;
      response.drainHandler(v -> sendMebibytes(response, rest));
    }
  }

  /** Reads the body at about 10 MiB/s, so the download is still running when SIGTERM comes. */
  private Future<Long> slowlyCount(HttpClientResponse response, AtomicLong received, Promise<Void> started) {
    Promise<Long> done = Promise.promise();
    AtomicLong sincePause = new AtomicLong();
    response.handler(chunk -> {
      received.addAndGet(chunk.length());
      if (sincePause.addAndGet(chunk.length()) >= MIB.length()) {
        sincePause.set(0);
        started.tryComplete();
        response.pause();
        vertx.setTimer(100, id -> response.resume());
      }
    });
    response.endHandler(v -> done.tryComplete(received.get()));
    response.exceptionHandler(done::tryFail);
    return done.future();
  }

  private Future<HttpClientResponse> send(String path) {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(routerPort)
            .setURI(path).putHeader("Host", "drain.example"))
        .compose(request -> request.send());
  }

  /** @return the first readiness status that is not 200 (503, or -1 when the listener is gone) */
  private int readinessUntilItChanges() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      int status = readiness();
      if (status != 200) {
        return status;
      }
    }
    return 200;
  }

  private int readiness() {
    try {
      return client.request(HttpMethod.GET, adminPort, "127.0.0.1", "/health/ready")
          .compose(request -> request.send()).await(5, TimeUnit.SECONDS).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private void awaitRefused(int port) throws Exception {
    NetClient net = vertx.createNetClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      try {
        net.connect(port, "127.0.0.1").await(5, TimeUnit.SECONDS).close();
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (Exception e) {
        assertTrue(e instanceof ConnectException || e.getCause() instanceof ConnectException, e.toString());
        return;
      }
    }
    throw new AssertionError("new connections were still accepted");
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (readiness() != 200) {
      assertTrue(edgeroute.isAlive(), () -> "edgeroute exited: " + read(output));
      assertTrue(System.nanoTime() < deadline, "not ready in time");
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private void createSite(int originPort) throws Exception {
    admin(HttpMethod.PUT, "/v1/tenants/ops", OPERATOR, null);
    String token = new JsonObject(admin(HttpMethod.POST, "/v1/tenants/ops/tokens", OPERATOR, null)).getString("token");
    admin(HttpMethod.PUT, "/v1/sites/drain.example", token, new JsonObject()
        .put("origin", new JsonObject().put("url", "http://127.0.0.1:" + originPort)));
  }

  private String admin(HttpMethod method, String path, String token, JsonObject body) throws Exception {
    return client.request(method, adminPort, "127.0.0.1", path)
        .compose(request -> {
          request.putHeader("Authorization", "Bearer " + token);
          return body == null ? request.send() : request.send(body.toBuffer());
        })
        .compose(HttpClientResponse::body).await(10, TimeUnit.SECONDS).toString();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(30, TimeUnit.SECONDS);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
