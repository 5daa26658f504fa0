package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log (SPEC §8) of a whole node writing {@code log.accessFile}, under load. */
class AccessLogTest {

  private static final int REQUESTS = 2_000;
  private static final int CONNECTIONS = 50;
  private static final List<String> FIELDS = List.of("time", "requestId", "client", "method", "host", "path",
      "status", "bytesIn", "bytesOut", "durationMs", "originMs", "siteId", "tenant", "origin", "cacheStatus", "tls");

  @TempDir
  Path dir;
  private Path accessFile;
  private AppNode node;
  private HttpServer origin;

  @BeforeEach
  void start() throws Exception {
    accessFile = dir.resolve("logs/access.log");
    node = AppNode.start(dir, new JsonObject().put("log", new JsonObject().put("accessFile", accessFile.toString())),
        false);
    origin = node.vertx.createHttpServer().requestHandler(r -> r.response().end("hello"))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    node.putSite("jottings", "log.example", new JsonObject()
        .put("origin", new JsonObject().put("url", "http://127.0.0.1:" + origin.actualPort())));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void oneParseableLinePerRequestUnderLoad() throws Exception {
    WebClient client = WebClient.create(node.vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      sent.add(client.get(node.routerPort, "127.0.0.1", "/page/" + i + "?secret=1").putHeader("Host", "log.example")
          .putHeader("X-Request-Id", "req-" + i).send()
          .map(r -> {
            assertEquals(200, r.statusCode());
            return r;
          }));
    }
    Future.all(sent).await(60, TimeUnit.SECONDS);

    List<String> lines = awaitLines(REQUESTS);
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      JsonObject entry = new JsonObject(line);
      assertTrue(entry.fieldNames().containsAll(FIELDS), line);
      assertEquals("GET", entry.getString("method"));
      assertEquals("log.example", entry.getString("host"));
      assertEquals(200, entry.getInteger("status"));
      assertEquals(5, entry.getLong("bytesOut"), line);
      assertTrue(entry.getString("path").startsWith("/page/") && !entry.getString("path").contains("secret"), line);
      assertEquals("127.0.0.1", entry.getString("client"));
      assertEquals("jottings", entry.getString("tenant"));
      assertNotNull(entry.getString("siteId"));
      assertEquals("http://127.0.0.1:" + origin.actualPort(), entry.getString("origin"));
      assertTrue(entry.getDouble("durationMs") >= entry.getDouble("originMs"), line);
      assertNull(entry.getString("tls"));
      assertNull(entry.getString("cacheStatus"));
      ids.add(entry.getString("requestId"));
    }
    assertEquals(REQUESTS, ids.size(), "every request once");
    assertTrue(ids.contains("req-0") && ids.contains("req-" + (REQUESTS - 1)));
  }

  @Test
  void routerErrorsAreLoggedToo() throws Exception {
    assertEquals(404, node.visit("unknown.example", "/x").statusCode());
    JsonObject entry = new JsonObject(awaitLines(1).get(0));
    assertEquals(404, entry.getInteger("status"));
    assertEquals("unknown.example", entry.getString("host"));
    assertNull(entry.getString("siteId"));
    assertNull(entry.getValue("originMs"));
  }

  /** Polls the file until it holds {@code count} lines; fails if it holds more or never gets there. */
  private List<String> awaitLines(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      lines = Files.exists(accessFile) ? Files.readAllLines(accessFile) : List.of();
      if (lines.size() >= count) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertEquals(count, lines.size(), "access log lines");
    return lines;
  }
}
