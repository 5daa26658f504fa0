package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log's default destination, on the real fat jar: one JSON line per request on standard
 * output and nothing else there (diagnostics go to standard error), every line written by the time
 * the process has exited on SIGTERM, even though lines are written in batches; and a start and
 * stop with nothing wrong logs no warning.
 */
class AccessLogStdoutIT {

  private static final int REQUESTS = 25;

  @TempDir
  Path dir;
  private Vertx vertx;
  private Process edgeroute;

  @AfterEach
  void stop() throws Exception {
    if (edgeroute != null && edgeroute.isAlive()) {
      edgeroute.destroyForcibly();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void standardOutputHoldsOneJsonLinePerRequestAndNothingElse() throws Exception {
    int routerPort = FreePorts.freePort();
    int adminPort = FreePorts.freePort();
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", routerPort).put("instances", 1))
        .put("admin", new JsonObject().put("port", adminPort))
        .put("kv", new JsonObject().put("file", dir.resolve("kv.json").toString())
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve("snapshot.json").toString())))
        .put("shutdown", new JsonObject().put("delay", "0s").put("timeout", "5s"));
    Path conf = Files.writeString(dir.resolve("edgeroute.json"), config.encodePrettily());
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    edgeroute = new ProcessBuilder(java, "-Xmx256m", "-jar", System.getProperty("edgeroute.jar"), "-conf", conf.toString())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).directory(dir.toFile()).start();
    vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient();
    awaitReady(client, adminPort, stderr);

    for (int i = 0; i < REQUESTS; i++) {
      int status = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
              .setPort(routerPort).setURI("/page/" + i + "?q=\"x\"").putHeader("Host", "nowhere.example"))
          .compose(request -> request.send()).map(HttpClientResponse::statusCode).await(10, TimeUnit.SECONDS);
      assertEquals(404, status);
    }
    edgeroute.destroy(); // SIGTERM: the lines still queued or buffered are written before exit
    assertTrue(edgeroute.waitFor(30, TimeUnit.SECONDS), "exited");

    List<String> lines = Files.readAllLines(stdout);
    assertEquals(REQUESTS, lines.size(), String.join("\n", lines));
    for (int i = 0; i < REQUESTS; i++) {
      JsonObject line = new JsonObject(lines.get(i));
      assertEquals("/page/" + i, line.getString("path"));
      assertEquals(404, line.getInteger("status"));
      assertEquals("nowhere.example", line.getString("host"));
      assertTrue(line.getString("time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.encode());
    }
    String diagnostics = Files.readString(stderr);
    assertTrue(diagnostics.contains("Edgeroute started"), diagnostics);
    assertFalse(diagnostics.contains("\"requestId\""), diagnostics);
    // A normal start and stop says nothing an operator should act on.
    assertFalse(diagnostics.contains("WARNING") || diagnostics.contains("SEVERE"), diagnostics);
  }

  /** Waits until the node says it is ready (the admin listener's readiness, not the router). */
  private void awaitReady(HttpClient client, int adminPort, Path stderr) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      assertTrue(edgeroute.isAlive(), () -> "edgeroute exited: " + read(stderr));
      assertTrue(System.nanoTime() < deadline, "not ready in time");
      try {
        int status = client.request(HttpMethod.GET, adminPort, "127.0.0.1", "/health/ready")
            .compose(request -> request.send()).map(HttpClientResponse::statusCode).await(2, TimeUnit.SECONDS);
        if (status == 200) {
          return;
        }
      } catch (Exception e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
