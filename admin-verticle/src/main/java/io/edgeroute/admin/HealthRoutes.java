package io.edgeroute.admin;

import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.metrics.Metrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operator's endpoints on the admin listener (SPEC §7, §8), open to anyone who reaches it:
 * {@code GET /health/live}: 200 {@code {"status":"UP"}} while the event loop answers.
 * {@code GET /health/ready}: what {@link Readiness} says (200, or 503 while draining, starting, or
 * with no routing data at all). {@code GET /metrics}: the Prometheus text of {@link Metrics}.
 */
final class HealthRoutes {

  static final String LIVE = "/health/live";
  static final String READY = "/health/ready";
  static final String METRICS = "/metrics";
  /** The Prometheus text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private HealthRoutes() {
  }

  static void mount(Router router, Readiness readiness) {
    router.get(LIVE).handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get(READY).handler(ctx -> readiness.check()
        .onSuccess(report -> Responses.json(ctx, report.status(), report.body())));
    router.get(METRICS).handler(HealthRoutes::metrics);
  }

  private static void metrics(RoutingContext ctx) {
    // Scraping walks every meter: off the event loop, so a large registry never stalls the API.
    ctx.vertx().executeBlocking(Metrics::scrape, false).onComplete(text -> {
      if (text.failed()) {
        ctx.fail(text.cause());
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(text.result());
      }
    });
  }
}
