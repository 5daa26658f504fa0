package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.testing.KvBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Readiness and operator tokens follow the store and the configuration while running. */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class AdminLiveConfigTest extends AdminApiTestBase {

  private static final int ATTEMPTS = 200;

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return KvBackends.MEMORY.open(vertx, KEYS);
  }

  @Test
  void readyIs503WhileTheStoreDoesNotAnswer(VertxTestContext ctx) {
    store.pingFails(true);
    call(HttpMethod.GET, HealthRoutes.READY, null, null)
        .map(r -> {
          assertEquals("DOWN", expect(503, r).bodyAsJsonObject().getString("status"));
          store.pingFails(false);
          return r;
        })
        .compose(r -> call(HttpMethod.GET, HealthRoutes.READY, null, null))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals("UP", expect(200, r).bodyAsJsonObject().getString("status"));
          ctx.completeNow();
        })));
  }

  /**
   * The config watcher publishes a new snapshot; the admin verticle applies it on its own event
   * loop, so the test asks again (without waiting in between) until the new token is in effect.
   */
  @Test
  void operatorTokensChangeWithTheConfigurationWhileRunning(Vertx vertx, VertxTestContext ctx) {
    JsonObject next = new JsonObject().put("admin", adminConfig().put("operatorTokens", new JsonArray().add("rotated-secret")));
    call(HttpMethod.GET, "/v1/tenants", OPERATOR, null).map(r -> expect(200, r))
        .compose(r -> {
          ConfigChanges.publish(vertx, new EdgerouteOptions(next));
          return until(401, OPERATOR, ATTEMPTS);
        })
        .compose(r -> call(HttpMethod.GET, "/v1/tenants", "rotated-secret", null))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          expect(200, r);
          ctx.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> until(int status, String token, int attempts) {
    return call(HttpMethod.GET, "/v1/tenants", token, null).compose(r -> r.statusCode() == status || attempts <= 1
        ? Future.succeededFuture(expect(status, r))
        : until(status, token, attempts - 1));
  }
}
