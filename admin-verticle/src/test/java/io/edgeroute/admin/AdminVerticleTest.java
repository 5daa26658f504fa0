package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class AdminVerticleTest {

  @Test
  void liveHealthIsUp(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = new JsonObject().put("admin", new JsonObject().put("port", 0));
    MemoryKvStore.open(vertx, null, KvKeys.defaults())
        .compose(store -> vertx.deployVerticle(new AdminVerticle(store), new DeploymentOptions().setConfig(config)))
        .compose(id -> WebClient.create(vertx).get(BoundPorts.get(vertx, BoundPorts.ADMIN), "127.0.0.1", HealthRoutes.LIVE).send())
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(200, resp.statusCode());
          assertEquals(new JsonObject().put("status", "UP"), resp.bodyAsJsonObject());
          ctx.completeNow();
        })));
  }
}
