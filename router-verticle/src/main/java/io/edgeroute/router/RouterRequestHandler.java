package io.edgeroute.router;

import io.edgeroute.cache.lookup.InvalidRoutingDataException;
import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.Route;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one request: host → site → route, dispatch or origin → proxied exchange, as one flat
 * future chain whose only {@code onFailure} turns failures into answers through
 * {@link ProxyFailure#from} and {@link ErrorResponses}. Reads an immutable snapshot of the live
 * router options, swapped whole by {@link #update}; call both from the owning verticle's event loop.
 */
final class RouterRequestHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = Logger.getLogger(RouterRequestHandler.class.getName());

  /** The live settings one request reads, replaced whole on a config change. */
  private record Settings(RouterOptions options, ForwardedHeaders forwarded) {
  }

  private final SiteResolver resolver;
  private final OriginClient client;
  /** The response cache in front of origins, or {@code null} when this router has none. */
  private final CachingExchange caching;
  private Settings settings;
  /** Sees each request end (meters, access log); {@code null} for none. */
  private RequestObserver observer;
  /** Answers {@code router.healthPath}; {@code null} when this router has no readiness to tell. */
  private Readiness readiness;

  RouterRequestHandler(SiteResolver resolver, OriginClient client, RouterOptions options) {
    this(resolver, client, options, null);
  }

  RouterRequestHandler(SiteResolver resolver, OriginClient client, RouterOptions options, ResponseCache cache) {
    this.resolver = resolver;
    this.client = client;
    this.caching = cache == null ? null : new CachingExchange(cache);
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
    settings = new Settings(options, new ForwardedHeaders(options.trustedProxyCidrs()));
    client.update(options);
  }

  @Override
  public void handle(HttpServerRequest request) {
    // Nothing of the body is read until the origin is known and connected.
    request.pause();
    Settings current = settings;
    if (readiness != null && HealthPath.matches(current.options(), request)) {
      HealthPath.answer(request, readiness);
      return;
    }
    String requestId = ForwardedHeaders.requestId(request.getHeader(ForwardedHeaders.X_REQUEST_ID));
    RequestRecord record = new RequestRecord(requestId);
    RequestObserver seen = observer;
    if (seen != null) {
      request.response().endHandler(v -> seen.completed(request, record));
    }
    plan(request, current, record)
        .compose(plan -> exchange(request, plan))
        .onSuccess(v -> {
          // A WebSocket tunnel's response never ends as an HTTP response: it is seen once it is up.
          if (seen != null && request.response().getStatusCode() == 101) {
            seen.completed(request, record);
          }
        })
        .onFailure(failure -> answerFailure(request, failure, current, record));
  }

  private Future<Void> exchange(HttpServerRequest request, ProxyPlan plan) {
    if (caching == null) {
      return OriginExchange.run(client.current(), request, plan);
    }
    String host = RequestHost.of(request).host();
    if (CachingExchange.applies(request, plan.site())) {
      return caching.run(client.current(), request, host, plan);
    }
    return OriginExchange.run(client.current(), request, plan).onSuccess(v -> caching.afterRelay(request, host, plan));
  }

  private Future<ProxyPlan> plan(HttpServerRequest request, Settings current, RequestRecord record) {
    RequestHost host = RequestHost.of(request);
    if (!host.valid()) {
      return Future.failedFuture(ProxyFailure.badRequest(host.error() + "."));
    }
    record.host = host.host();
    return SiteLookup.find(resolver, host.host(), current.options().getFallbackHost())
        .compose(site -> {
          record.site = site;
          return choose(request, host.host(), site, current, record);
        });
  }

  private Future<ProxyPlan> choose(HttpServerRequest request, String host, Site site, Settings current,
                                   RequestRecord record) {
    String https = HttpsPolicy.redirect(request, host, site);
    if (https != null) {
      return Future.failedFuture(ProxyFailure.redirect(https));
    }
    Cookie sticky = request.getCookie(Route.STICKY_COOKIE);
    RouteSelector.Selection selection = RouteSelector.select(site, request.path(),
        sticky == null ? null : StickySplit.readCookie(sticky.getValue()),
        bound -> ThreadLocalRandom.current().nextLong(bound));
    Map<String, String> headers = new LinkedHashMap<>(current.options().getResponseHeaders());
    headers.putAll(site.responseHeaders());
    HttpsPolicy.addHsts(request, site, headers);
    if (selection instanceof RouteSelector.Direct direct) {
      return client.guard().pin(plan(request, host, site, direct.origin(), direct.path(), headers,
          direct.stickyCookie(), current, record), site.tenantOrigins());
    }
    RouteSelector.Dispatched dispatched = (RouteSelector.Dispatched) selection;
    return resolver.entry(dispatched.dispatch().table(), dispatched.id()).compose(entry -> {
      if (entry == null) {
        return Future.failedFuture(ProxyFailure.notFound(dispatched.dispatch().notFoundMessage(dispatched.id())));
      }
      headers.putAll(entry.responseHeaders());
      if (dispatched.dispatch().idHeader() != null) {
        headers.put(dispatched.dispatch().idHeader(), dispatched.id());
      }
      return client.guard().pin(plan(request, host, site, entry.origin(), dispatched.path(), headers, null,
          current, record), entry.tenantOrigins());
    });
  }

  private static ProxyPlan plan(HttpServerRequest request, String host, Site site, Origin origin, String path,
                                Map<String, String> headers, String stickyCookie, Settings current, RequestRecord record) {
    String visitorHost = request.getHeader(HttpHeaders.HOST);
    OriginTarget target = OriginTarget.of(origin, host, visitorHost == null ? host : visitorHost, path, request.query());
    record.origin = origin.url();
    PrefixRewrite rewrite = PrefixRewrite.of(origin.pathFor(host), request.path(), path);
    return new ProxyPlan(target, Map.copyOf(headers), stickyCookie, record.requestId, current.forwarded(),
        current.options(), site, record, rewrite);
  }

  /** The one place a failed request is answered. */
  private void answerFailure(HttpServerRequest request, Throwable failure, Settings current, RequestRecord record) {
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
        seen.completed(request, record);
      }
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>(current.options().getResponseHeaders());
    headers.putAll(answer.headers());
    headers.put(ForwardedHeaders.X_REQUEST_ID, requestId);
    // Let an unread body drain so the connection stays usable for the next request.
    request.resume();
    ErrorResponses.send(request, answer.status(), answer.getMessage(), headers)
        .onFailure(t -> LOG.log(Level.FINE, "could not answer " + request.uri(), t))
        .onComplete(ar -> {
          // A visitor gone before the answer: the response never ends, the request is still seen.
          if (seen != null) {
            seen.completed(request, record);
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
