package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.Route;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides where one {@link Exchange} goes (SPEC §3, §4): its host → site (exact, wildcard,
 * fallback) → HTTPS redirect → route, split or dispatch entry → origin, checked by the
 * {@link OriginAddressGuard}, as a {@link ProxyPlan}. Nothing is sent anywhere yet.
 */
final class ProxyPlanner {

  /**
   * The live settings one request reads, replaced whole on a config change.
   *
   * @param responseHeaders {@code router.responseHeaders}, read-only: shared by every plan that adds
   *     nothing to it
   */
  record Settings(RouterOptions options, ForwardedHeaders forwarded, Map<String, String> responseHeaders) {

    static Settings of(RouterOptions options) {
      return new Settings(options, new ForwardedHeaders(options.trustedProxyCidrs()),
          Collections.unmodifiableMap(new LinkedHashMap<>(options.getResponseHeaders())));
    }
  }

  private final SiteResolver resolver;
  private final OriginAddressGuard guard;

  ProxyPlanner(SiteResolver resolver, OriginAddressGuard guard) {
    this.resolver = resolver;
    this.guard = guard;
  }

  /**
   * @return a future completed with the plan (also kept as the exchange's record's site and
   *     origin); failed with a {@link ProxyFailure} (400, 404, redirect, 502) or the resolver's failure
   */
  Future<ProxyPlan> plan(Exchange exchange, Settings current) {
    RequestHost host = exchange.host;
    if (!host.valid()) {
      return Future.failedFuture(ProxyFailure.badRequest(host.error() + "."));
    }
    return SiteLookup.find(resolver, host.host(), current.options().getFallbackHost())
        .compose(site -> {
          exchange.record.site = site;
          return choose(exchange, site, current);
        });
  }

  private Future<ProxyPlan> choose(Exchange exchange, Site site, Settings current) {
    HttpServerRequest request = exchange.request;
    String https = HttpsPolicy.redirect(request, exchange.secure, exchange.host.host(), site);
    if (https != null) {
      return Future.failedFuture(ProxyFailure.redirect(https));
    }
    // Vert.x parses every cookie into a jar on the first getCookie: not for a request without any.
    Cookie sticky = request.headers().contains(HttpHeaders.COOKIE) ? request.getCookie(Route.STICKY_COOKIE) : null;
    RouteSelector.Selection selection = RouteSelector.select(site, request.path(),
        sticky == null ? null : StickySplit.readCookie(sticky.getValue()),
        bound -> ThreadLocalRandom.current().nextLong(bound));
    // The router's map itself when the site adds nothing: no copy per request.
    Map<String, String> headers = withHeaders(current.responseHeaders(), site.responseHeaders(),
        HttpsPolicy.HSTS, HttpsPolicy.hsts(exchange.secure, site));
    if (selection instanceof RouteSelector.Direct direct) {
      return guard.pin(plan(exchange, site, direct.origin(), direct.path(), headers,
          direct.stickyCookie(), current), site.tenantOrigins());
    }
    RouteSelector.Dispatched dispatched = (RouteSelector.Dispatched) selection;
    return resolver.entry(dispatched.dispatch().table(), dispatched.id()).compose(entry -> {
      if (entry == null) {
        return Future.failedFuture(ProxyFailure.notFound(dispatched.dispatch().notFoundMessage(dispatched.id())));
      }
      String idHeader = dispatched.dispatch().idHeader();
      Map<String, String> all = withHeaders(headers, entry.responseHeaders(), idHeader,
          idHeader == null ? null : dispatched.id());
      return guard.pin(plan(exchange, site, entry.origin(), dispatched.path(), all, null, current),
          entry.tenantOrigins());
    });
  }

  /**
   * @return {@code base}, then {@code more}, then {@code name: value} when the value is not
   *     {@code null}, later ones winning; {@code base} itself (never changed) when nothing is added
   */
  private static Map<String, String> withHeaders(Map<String, String> base, Map<String, String> more, String name,
                                                 String value) {
    if (more.isEmpty() && value == null) {
      return base;
    }
    Map<String, String> headers = new LinkedHashMap<>(base);
    headers.putAll(more);
    if (value != null) {
      headers.put(name, value);
    }
    return headers;
  }

  private static ProxyPlan plan(Exchange exchange, Site site, Origin origin, String path, Map<String, String> headers,
                                String stickyCookie, Settings current) {
    HttpServerRequest request = exchange.request;
    String host = exchange.host.host();
    OriginTarget target = OriginTarget.of(origin, host, exchange.hostHeader == null ? host : exchange.hostHeader,
        path, request.query());
    exchange.record.origin = origin.url();
    PrefixRewrite rewrite = PrefixRewrite.of(origin.pathFor(host), request.path(), path);
    return new ProxyPlan(target, headers, stickyCookie, current.forwarded(), current.options(), site, rewrite);
  }
}
