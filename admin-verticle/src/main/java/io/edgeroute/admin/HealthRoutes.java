package io.edgeroute.admin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /health/live}: 200 {@code {"status":"UP"}} while the process serves requests at all. */
final class HealthRoutes {

  static final String LIVE = "/health/live";

  private HealthRoutes() {
  }

  static void mount(Router router) {
    router.get(LIVE).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("status", "UP").encode()));
  }
}
