package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.health.Readiness;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code router.healthPath} (SPEC §8): the node's readiness on the router port, for any host, for
 * load balancers that reach only that port. Off unless configured, since the path then belongs to
 * Edgeroute on every site.
 */
final class HealthPath {

  private HealthPath() {
  }

  /** @return whether {@code request} is a GET or HEAD of the configured health path */
  static boolean matches(RouterOptions options, HttpServerRequest request) {
    String path = options.getHealthPath();
    return path != null && path.equals(request.path())
        && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD);
  }

  /** Answers with the readiness report: 200 or 503 and its JSON body, never cached. */
  static void answer(HttpServerRequest request, Readiness readiness) {
    request.resume();
    readiness.check().onSuccess(report -> request.response()
        .setStatusCode(report.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(report.body().encode()));
  }
}
