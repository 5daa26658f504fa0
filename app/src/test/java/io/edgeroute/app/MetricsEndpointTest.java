package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.edgeroute.shared.testing.Await;
import java.io.File;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on the admin listener (SPEC §8) of a whole node started as the launcher starts
 * it, after real traffic through the router to a real origin.
 */
class MetricsEndpointTest {

  /** CI installs it (Debian package {@code prometheus}); a missing promtool fails the test. */
  static final String PROMTOOL = "/usr/bin/promtool";

  @TempDir
  Path dir;
  private AppNode node;
  private HttpServer origin;

  @BeforeEach
  void start() throws Exception {
    node = AppNode.start(dir, new JsonObject(), true);
    origin = node.vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("Cache-Control", "max-age=60").end("hello " + r.path()))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    node.putSite("jottings", "metrics.example", new JsonObject()
        .put("origin", new JsonObject().put("url", "http://127.0.0.1:" + origin.actualPort()))
        .put("cache", new JsonObject().put("enabled", true)));
    // Nothing listens there: every request to it is an origin error.
    node.putSite("jottings", "down.example", new JsonObject()
        .put("origin", new JsonObject().put("url", "http://127.0.0.1:" + FreePorts.freePort())));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void namedSeriesMoveWithTrafficAndTheExpositionPassesPromtool() throws Exception {
    String before = scrape();
    for (int i = 0; i < 5; i++) {
      assertEquals(200, node.visit("metrics.example", "/post/1").statusCode());
    }
    assertEquals(404, node.visit("nowhere.example", "/").statusCode());
    assertEquals(502, node.visit("down.example", "/").statusCode());
    String after = scrape();

    assertMoved(before, after, 1, "edgeroute_requests_total", "status=\"2xx\"", "cache=\"miss\"");
    assertMoved(before, after, 4, "edgeroute_requests_total", "status=\"2xx\"", "cache=\"hit\"");
    assertMoved(before, after, 1, "edgeroute_requests_total", "status=\"4xx\"", "cache=\"none\"");
    assertMoved(before, after, 1, "edgeroute_requests_total", "status=\"5xx\"", "cache=\"none\"");
    assertMoved(before, after, 1, "edgeroute_origin_errors_total", "kind=\"connect\"");
    assertMoved(before, after, 7, "edgeroute_request_duration_seconds_count");
    assertMoved(before, after, 1, "edgeroute_origin_duration_seconds_count");
    assertMoved(before, after, 1, "edgeroute_microcache_lookups_total");
    assertTrue(PrometheusText.sum(after, "edgeroute_response_cache_entries") >= 1, after);
    assertTrue(PrometheusText.sum(after, "edgeroute_response_cache_bytes") > 0, after);
    for (String series : List.of("edgeroute_jvm_memory_used_bytes", "edgeroute_process_uptime_seconds",
        "edgeroute_process_cpu_usage",
        "edgeroute_redis_reads_total", "edgeroute_access_log_dropped_total", "edgeroute_connections_open")) {
      assertTrue(PrometheusText.has(after, series), series + " missing");
    }
    // Per-origin-request client meters are off unless metrics.originRequests asks for them.
    assertTrue(!PrometheusText.has(after, "edgeroute_vertx_http_client_requests_total"), "client meters by default");
    // Vert.x's per-request server meters likewise, unless metrics.visitorRequests asks for them.
    assertTrue(!PrometheusText.has(after, "edgeroute_vertx_http_server_requests_total"), "server meters by default");
    // One prefix finds everything: no sample without it.
    assertEquals(List.of(), after.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .filter(l -> !l.startsWith("edgeroute_")).toList());
    // Bounded: without metrics.perHost no series names a host.
    assertTrue(!after.contains("metrics.example"), "a host label without metrics.perHost");
    promtoolAccepts(after);
  }

  @Test
  void openVisitorConnectionsAreCounted() throws Exception {
    double before = openConnections();
    List<Socket> visitors = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        visitors.add(new Socket("127.0.0.1", node.routerPort));
      }
      Await.until("three more open connections on /metrics",
          () -> openConnections() >= before + 3);
    } finally {
      for (Socket visitor : visitors) {
        visitor.close();
      }
    }
    Await.until("the closed connections no longer counted",
        () -> openConnections() <= before);
  }

  private double openConnections() {
    try {
      return PrometheusText.sum(scrape(), "edgeroute_connections_open");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String scrape() throws Exception {
    HttpResponse<Buffer> response = node.get(node.adminPort, "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"));
    return response.bodyAsString();
  }

  private static void assertMoved(String before, String after, double atLeast, String name, String... labels) {
    double moved = PrometheusText.sum(after, name, labels) - PrometheusText.sum(before, name, labels);
    assertTrue(moved >= atLeast, name + " " + List.of(labels) + " moved by " + moved + ", expected at least "
        + atLeast);
  }

  static void promtoolAccepts(String exposition) throws Exception {
    assertTrue(new File(PROMTOOL).canExecute(), PROMTOOL + " is needed (Debian package prometheus)");
    Process promtool = new ProcessBuilder(PROMTOOL, "check", "metrics").redirectErrorStream(true).start();
    promtool.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    promtool.getOutputStream().close();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
    assertEquals(0, promtool.exitValue(), "promtool check metrics: " + output);
  }
}
