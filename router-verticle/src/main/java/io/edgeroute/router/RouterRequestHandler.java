package io.edgeroute.router;

import io.edgeroute.cache.lookup.InvalidRoutingDataException;
import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.health.Readiness;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one request: builds its {@link Exchange}, has the {@link ProxyPlanner} decide its
 * {@link ProxyPlan} (host → site → route, dispatch or origin), then runs the
 * {@link ExchangeStrategy} that carries it (WebSocket tunnel, response cache or plain), as one flat
 * future chain whose only {@code onFailure} turns failures into answers through
 * {@link ProxyFailure#from} and {@link ErrorResponses}. Reads an immutable snapshot of the live
 * router options, swapped whole by {@link #update}; call both from the owning verticle's event loop.
 */
final class RouterRequestHandler {

  private static final Logger LOG = Logger.getLogger(RouterRequestHandler.class.getName());

  private final ProxyPlanner planner;
  private final OriginClient client;
  private final ExchangeStrategy plain;
  private final ExchangeStrategy tunnel;
  /** The response cache in front of origins, or {@code null} when this router has none. */
  private final CachingExchange caching;
  private ProxyPlanner.Settings settings;
  /** Sees each request end (meters, access log); {@code null} for none. */
  private RequestObserver observer;
  /** Answers {@code router.healthPath}; {@code null} when this router has no readiness to tell. */
  private Readiness readiness;

  RouterRequestHandler(SiteResolver resolver, OriginClient client, RouterOptions options, ResponseCache cache) {
    this.planner = new ProxyPlanner(resolver, client.guard());
    this.client = client;
    this.caching = cache == null ? null : new CachingExchange(cache, client);
    this.plain = new OriginExchange(client, caching == null ? null : caching::originAnswered);
    this.tunnel = new WebSocketTunnel(client);
    update(options);
  }

  /** Sets what sees each request end: meters and the access log. */
  void observe(RequestObserver observer) {
    this.observer = observer;
  }

  /** Sets the node readiness {@code router.healthPath} answers with. */
  void answerReadiness(Readiness readiness) {
    this.readiness = readiness;
  }

  /** Applies the live router keys of a new snapshot. */
  void update(RouterOptions options) {
    settings = ProxyPlanner.Settings.of(options);
    client.update(options);
  }

  /**
   * @param secure whether the request came over TLS: each listener knows (Vert.x's
   *     {@code isSSL} searches the connection's pipeline on every call)
   */
  void handle(HttpServerRequest request, boolean secure) {
    // Nothing of the body is read until the origin is known and connected.
    request.pause();
    ProxyPlanner.Settings current = settings;
    if (readiness != null && HealthPath.matches(current.options(), request)) {
      HealthPath.answer(request, readiness);
      return;
    }
    Exchange exchange = new Exchange(request, secure,
        ForwardedHeaders.requestId(request.getHeader(ForwardedHeaders.X_REQUEST_ID)));
    RequestObserver seen = observer;
    if (seen != null) {
      request.response().endHandler(v -> seen.completed(exchange));
    }
    planner.plan(exchange, current)
        .compose(plan -> run(exchange.planned(plan)))
        // One listener for both outcomes: a second one would make the future build a list of them.
        .onComplete(done -> {
          if (done.failed()) {
            answerFailure(exchange, done.cause(), current);
          } else if (seen != null && request.response().getStatusCode() == 101) {
            // A WebSocket tunnel's response never ends as an HTTP response: it is seen once it is up.
            seen.completed(exchange);
          }
        });
  }

  /** Picks the strategy for a planned exchange and runs it. */
  private Future<Void> run(Exchange exchange) {
    boolean upgrade = HopByHopHeaders.isWebSocketUpgrade(exchange.request.headers());
    if (caching != null && !upgrade && CachingExchange.applies(exchange)) {
      return caching.run(exchange);
    }
    return (upgrade ? tunnel : plain).run(exchange);
  }

  /** The one place a failed request is answered. */
  private void answerFailure(Exchange exchange, Throwable failure, ProxyPlanner.Settings current) {
    HttpServerRequest request = exchange.request;
    RequestRecord record = exchange.record;
    ProxyFailure answer = ProxyFailure.from(failure);
    log(request, failure, answer);
    record.originError = OriginErrors.kind(failure, answer.status());
    String requestId = record.requestId;
    RequestObserver seen = observer;
    if (request.response().headWritten()) {
      // Mid-stream: the status is gone; closing is the only honest signal left.
      if (!request.response().ended()) {
        request.response().reset();
      }
      if (seen != null) {
        seen.completed(exchange);
      }
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(current.responseHeaders());
    headers.putAll(answer.headers());
    headers.put(ForwardedHeaders.X_REQUEST_ID, requestId);
    // Let an unread body drain so the connection stays usable for the next request.
    request.resume();
    ErrorResponses.send(request, answer.status(), answer.getMessage(), headers)
        .onFailure(t -> LOG.log(Level.FINE, "could not answer " + request.uri(), t))
        .onComplete(ar -> {
          // A visitor gone before the answer: the response never ends, the request is still seen.
          if (seen != null) {
            seen.completed(exchange);
          }
        });
  }

  private static void log(HttpServerRequest request, Throwable failure, ProxyFailure answer) {
    if (request.response().closed()) {
      // The visitor left (closed its connection) before the answer: the origin exchange was cut
      // for that reason, so there is nothing wrong to report and nobody to answer.
      LOG.log(Level.FINE, () -> "visitor gone before the answer for " + request.authority() + request.uri() + ": " + failure);
    } else if (failure instanceof InvalidRoutingDataException) {
      LOG.warning("502 for " + request.authority() + request.uri() + ": " + failure.getMessage());
    } else if (answer.status() >= 500) {
      Throwable cause = answer.getCause() == null ? failure : answer.getCause();
      Throwable root = cause;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      // Vert.x wraps TLS failures in a generic message; the root says which (certificate, closed...).
      LOG.log(Level.INFO, answer.status() + " for " + request.authority() + request.uri() + ": " + cause
          + (root == cause ? "" : " (" + root + ")"));
    }
  }
}
