package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * Answers one request. Reads an immutable view of the live router options, swapped whole by
 * {@link #update}; call both from the owning verticle's event loop.
 */
final class RouterRequestHandler implements Handler<HttpServerRequest> {

  private Map<String, String> responseHeaders;

  RouterRequestHandler(RouterOptions options) {
    update(options);
  }

  /** Applies the live router keys of a new snapshot. */
  void update(RouterOptions options) {
    responseHeaders = options.getResponseHeaders();
  }

  @Override
  public void handle(HttpServerRequest request) {
    RequestHost host = RequestHost.of(request);
    if (!host.valid()) {
      ErrorResponses.send(request, 400, host.error() + ".", responseHeaders);
      return;
    }
    // No routing data yet: every host is unknown.
    ErrorResponses.send(request, 404, "Host \"" + host.host() + "\" is not served here.", responseHeaders);
  }
}
