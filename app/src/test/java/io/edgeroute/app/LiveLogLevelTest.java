package io.edgeroute.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class LiveLogLevelTest {

  private static final Logger EDGEROUTE = Logger.getLogger("io.edgeroute");

  @TempDir
  Path dir;

  @AfterEach
  void resetLevel() {
    EDGEROUTE.setLevel(null);
    Logger.getLogger("").setLevel(Level.INFO);
  }

  private JsonObject config(String level) {
    return new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("admin", new JsonObject().put("port", 0))
        .put("config", new JsonObject().put("scanPeriod", "200ms"))
        .put("log", new JsonObject().put("level", level));
  }

  @Test
  void editingLogLevelInTheFileChangesTheLevelOfEdgerouteLoggers(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = Files.writeString(dir.resolve("edgeroute.json"), config("INFO").encode());
    vertx.deployVerticle(new MainVerticle(), new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString())))
        .onComplete(ctx.succeeding(id -> {
          try {
            Path tmp = Files.writeString(dir.resolve("next.tmp"), config("DEBUG").encode());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException e) {
            ctx.failNow(e);
          }
          // The level is not an event one can await; poll it (bounded by the test timeout).
          vertx.setPeriodic(50, timer -> {
            if (Level.FINE.equals(EDGEROUTE.getLevel())) {
              vertx.cancelTimer(timer);
              ctx.completeNow();
            }
          });
        }));
  }
}
