package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.model.Site;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Everything decided about one request before it is sent to an origin.
 *
 * @param target          the origin, dial address, Host and URI
 * @param responseHeaders added to the origin's response, in order: router, site, entry, dispatch id
 * @param stickyCookie    a split cookie value to set, or {@code null}
 * @param forwarded       the live trusted-proxy rules
 * @param options         the live router options (timeouts)
 * @param site            the site the request resolved to (its cache settings, id and features)
 * @param rewrite         the path prefixes on each side: X-Forwarded-Prefix and the Location rewrite
 */
record ProxyPlan(OriginTarget target, Map<String, String> responseHeaders, String stickyCookie,
                 ForwardedHeaders forwarded, RouterOptions options, Site site, PrefixRewrite rewrite) {

  /** @return this plan sending to {@code newTarget} */
  ProxyPlan withTarget(OriginTarget newTarget) {
    return new ProxyPlan(newTarget, responseHeaders, stickyCookie, forwarded, options, site, rewrite);
  }

  /**
   * Adds the router's own response headers after the origin's have been copied (they win).
   *
   * @param requestId the exchange's {@code X-Request-Id}, returned to the visitor
   */
  void decorate(HttpServerResponse response, String requestId) {
    responseHeaders.forEach(response.headers()::set);
    response.headers().set(ForwardedHeaders.X_REQUEST_ID, requestId);
    if (stickyCookie != null) {
      response.headers().add("Set-Cookie", StickySplit.setCookieHeader(stickyCookie));
    }
  }
}
