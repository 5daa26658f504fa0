package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.router.RouterVerticle;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MainVerticleTest {

  @TempDir
  Path dir;
  private WebClient client;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws IOException {
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("admin", new JsonObject().put("port", 0))
        .put("kv", new JsonObject().put("file", dir.resolve("kv.json").toString())
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve("kv-snapshot.json").toString())));
    Path file = Files.writeString(dir.resolve("edgeroute.json"), config.encodePrettily());
    client = WebClient.create(vertx);
    vertx.deployVerticle(new MainVerticle(), new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString())))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void routerAnswersAnUnknownHostWithAProblem404(Vertx vertx, VertxTestContext ctx) {
    client.get(BoundPorts.get(vertx, BoundPorts.ROUTER), "127.0.0.1", "/post/1")
        .putHeader("Host", "unknown.example").putHeader("Accept", "application/json").send()
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(404, resp.statusCode());
          assertEquals("application/problem+json", resp.getHeader("Content-Type"));
          assertEquals(404, resp.bodyAsJsonObject().getInteger("status"));
          ctx.completeNow();
        })));
  }

  @Test
  void adminAnswersLiveHealth(Vertx vertx, VertxTestContext ctx) {
    client.get(BoundPorts.get(vertx, BoundPorts.ADMIN), "127.0.0.1", "/health/live").send()
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(200, resp.statusCode());
          assertEquals("UP", resp.bodyAsJsonObject().getString("status"));
          ctx.completeNow();
        })));
  }

  @Test
  void routersTakeTheSnapshotTypedAndAreDeployedWithoutAConfig(Vertx vertx) {
    // Vert.x copies a deployment's config into every context it builds, and its HTTP client builds
    // one per pooled origin request: a router deployed with the whole configuration would copy it
    // on every proxied request. Only internal API tells what a deployment was given.
    List<DeploymentContext> routers = ((VertxInternal) vertx).deploymentManager().deployments().stream()
        .filter(d -> d.deployment().instances().stream().anyMatch(RouterVerticle.class::isInstance))
        .toList();
    assertEquals(1, routers.size());
    assertNull(routers.get(0).deployment().options().getConfig());
    assertTrue(routers.get(0).deployment().contexts().stream().allMatch(c -> c.config().isEmpty()));
  }
}
