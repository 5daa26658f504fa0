package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;

/**
 * Finds the site for a request host (SPEC §3): the exact key, then the wildcard one level up, then
 * the configured fallback site.
 */
final class SiteLookup {

  private SiteLookup() {
  }

  /**
   * @param fallbackHost {@code router.fallbackHost}, or {@code null}
   * @return a future completed with the site; failed with a 404 {@link ProxyFailure} when there is
   *     none, or with the resolver's failure
   */
  static Future<Site> find(SiteResolver resolver, String host, String fallbackHost) {
    Future<Site> exact = resolver.site(host);
    if (exact.succeeded() && exact.result() != null && exact.result().active()) {
      // The usual case, a warm lookup of a served host: the chain below would answer the same.
      return exact;
    }
    return exact
        .compose(site -> site != null ? Future.succeededFuture(site) : wildcard(resolver, host))
        .compose(site -> site != null || fallbackHost == null ? Future.succeededFuture(site) : resolver.site(fallbackHost))
        // A pending or failed site (ownership unproven, SPEC §7) routes nothing, like no site at all.
        .compose(site -> site != null && site.active() ? Future.succeededFuture(site)
            : Future.failedFuture(ProxyFailure.notFound("Host \"" + host + "\" is not served here.")));
  }

  /** The wildcard key is built only when the exact one missed: most requests never need it. */
  private static Future<Site> wildcard(SiteResolver resolver, String host) {
    String wildcard = HostNames.wildcardParent(host);
    return wildcard == null ? Future.succeededFuture() : resolver.site(wildcard);
  }
}
