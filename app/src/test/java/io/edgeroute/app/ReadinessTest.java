package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} (SPEC §8) of a whole node on a real Redis that is then stopped: a node
 * that holds routing data stays ready and says the KV is down; one that never had any is not;
 * nor is a draining node. {@code router.healthPath} answers the same on the router port.
 */
class ReadinessTest {

  private static final String HEALTH_PATH = "/_edgeroute/ready";

  @TempDir
  Path dir;
  private EmbeddedRedisServer redis;
  private AppNode node;

  @BeforeEach
  void start() throws Exception {
    redis = EmbeddedRedisServer.start();
    node = AppNode.start(dir, new JsonObject()
        .put("router", new JsonObject().put("healthPath", HEALTH_PATH))
        .put("kv", new JsonObject().put("type", "redis")
            .put("redis", new JsonObject().put("endpoints", new JsonArray().add(redis.endpoint())))), false);
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    redis.close();
  }

  @Test
  void staysReadyWithKvDownWhileItHoldsRoutingData() throws Exception {
    HttpServer origin = node.vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    node.putSite("jottings", "ready.example", new JsonObject()
        .put("origin", new JsonObject().put("url", "http://127.0.0.1:" + origin.actualPort())));
    assertReady(200, "UP", node.adminPort, "/health/ready");
    assertEquals(200, node.visit("ready.example", "/").statusCode());

    redis.stop();

    assertReady(200, "DOWN", node.adminPort, "/health/ready");
    assertReady(200, "DOWN", node.routerPort, HEALTH_PATH);
    // And it does route what it holds.
    assertEquals(200, node.visit("ready.example", "/").statusCode());
  }

  @Test
  void isNotReadyWithKvDownBeforeAnyRoutingData() throws Exception {
    assertReady(200, "UP", node.adminPort, "/health/ready");

    redis.stop();

    assertReady(503, "DOWN", node.adminPort, "/health/ready");
    assertReady(503, "DOWN", node.routerPort, HEALTH_PATH);
  }

  @Test
  void isNotReadyWhileDraining() throws Exception {
    assertReady(200, "UP", node.routerPort, HEALTH_PATH);

    Readiness.startDraining(node.vertx);

    HttpResponse<Buffer> admin = node.get(node.adminPort, "/health/ready");
    assertEquals(503, admin.statusCode());
    assertEquals("draining", admin.bodyAsJsonObject().getString("reason"));
    assertEquals(503, node.get(node.routerPort, HEALTH_PATH).statusCode());
  }

  @Test
  void healthPathIsOffByDefault() throws Exception {
    try (AppNode plain = AppNode.start(Files.createDirectories(dir.resolve("plain")), new JsonObject(), false)) {
      // An ordinary request like any other: no site, so 404.
      assertEquals(404, plain.get(plain.routerPort, HEALTH_PATH).statusCode());
    }
  }

  private void assertReady(int status, String kv, int port, String path) throws Exception {
    HttpResponse<Buffer> response = node.get(port, path);
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(kv, response.bodyAsJsonObject().getString("kv"), response.bodyAsString());
  }
}
