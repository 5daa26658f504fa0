package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: 200 {@code {"status":"UP"}} while the process serves requests at all.
 * {@code GET /health/ready}: 200 once the configuration is loaded (it is, once these routes are
 * mounted) and the KV store answers a ping; 503 {@code {"status":"DOWN"}} otherwise.
 */
final class HealthRoutes {

  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";

  private HealthRoutes() {
  }

  static void mount(Router router, KvStore store) {
    router.get(LIVE).handler(ctx -> status(ctx, 200, "UP"));
    router.get(READY).handler(ctx -> store.ping().onComplete(ping -> {
      if (ping.succeeded()) {
        status(ctx, 200, "UP");
      } else {
        status(ctx, 503, "DOWN");
      }
    }));
  }

  private static void status(RoutingContext ctx, int code, String status) {
    Responses.json(ctx, code, new JsonObject().put("status", status));
  }
}
