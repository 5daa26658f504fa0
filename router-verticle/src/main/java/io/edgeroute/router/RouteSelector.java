package io.edgeroute.router;

import io.edgeroute.shared.model.Dispatch;
import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.Route;
import io.edgeroute.shared.model.Site;
import java.util.function.LongUnaryOperator;

/**
 * Chooses where a request for a site goes (SPEC §3): the first route whose {@code pathPrefix}
 * matches, else the site's {@code dispatch}, else the site's {@code origin}.
 */
final class RouteSelector {

  /** Where a request goes. */
  sealed interface Selection {
  }

  /**
   * Straight to an origin.
   *
   * @param path         the path to forward (prefix stripped if asked), starting with {@code /}
   * @param stickyCookie a split cookie value to set on the response, or {@code null}
   */
  record Direct(Origin origin, String path, String stickyCookie) implements Selection {
  }

  /** Through a table entry that is still to be looked up. */
  record Dispatched(Dispatch dispatch, String id, String path) implements Selection {
  }

  private RouteSelector() {
  }

  /**
   * @param path         the raw request path
   * @param stickyCookie the visitor's {@code edgeroute_split} cookie, or {@code null}
   * @param random       see {@link StickySplit#pick}
   * @throws ProxyFailure 400 for a dispatch without an id segment; 502 when the site routes this path nowhere
   */
  static Selection select(Site site, String path, String stickyCookie, LongUnaryOperator random) {
    for (Route route : site.routes()) {
      if (!route.matches(path)) {
        continue;
      }
      String rest = route.stripPrefix() ? leadingSlash(path.substring(route.pathPrefix().length())) : path;
      if (!route.isSplit()) {
        return new Direct(route.origin(), rest, null);
      }
      StickySplit.Pick pick = StickySplit.pick(route, stickyCookie, random);
      return new Direct(pick.branch().origin(), rest, pick.setCookie());
    }
    if (site.dispatch() != null) {
      return dispatch(site.dispatch(), path);
    }
    if (site.origin() != null) {
      return new Direct(site.origin(), path, null);
    }
    // The admin API never stores such a site; one written by hand routes this path nowhere.
    throw ProxyFailure.badGateway("site \"" + site.host() + "\" has no origin for this path.", null);
  }

  private static Dispatched dispatch(Dispatch dispatch, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    int slash = p.indexOf('/');
    String id = slash < 0 ? p : p.substring(0, slash);
    if (id.isEmpty()) {
      throw ProxyFailure.badRequest("the path must start with " + article(dispatch.noun()) + " id, as in /<id>/...");
    }
    return new Dispatched(dispatch, id, slash < 0 ? "/" : p.substring(slash));
  }

  private static String article(String noun) {
    String lower = noun.toLowerCase(java.util.Locale.ROOT);
    return ("aeiou".indexOf(lower.isEmpty() ? 'x' : lower.charAt(0)) >= 0 ? "an " : "a ") + lower;
  }

  private static String leadingSlash(String rest) {
    return rest.startsWith("/") ? rest : "/" + rest;
  }
}
