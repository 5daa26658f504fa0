package io.edgeroute.router;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.net.URI;
import java.util.Locale;

/**
 * What the path of one request looks like on each side (SPEC §4), and the two rules that follow:
 * the origin is told the prefix the router took off ({@code X-Forwarded-Prefix: /storefrontA}), and
 * its {@code Location} and {@code Content-Location} are given back in the visitor's terms when they
 * point at the origin: {@code origin.path} taken out, the stripped prefix put back (nginx's
 * {@code proxy_redirect default}). So {@code Location: /sites/mysite/posts/} from an origin with
 * {@code origin.path: /sites/mysite} reaches the visitor as {@code /posts/}.
 *
 * @param originPath    the site's {@code origin.path} for this request ({@code {host}} replaced), "" for none
 * @param visitorPrefix the prefix taken off the visitor's path (dispatch id, route {@code stripPrefix}),
 *                      without a trailing {@code /}; "" for none
 */
record PrefixRewrite(String originPath, String visitorPrefix) {

  static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";
  static final PrefixRewrite NONE = new PrefixRewrite("", "");

  PrefixRewrite {
    originPath = trimSlash(originPath);
    visitorPrefix = trimSlash(visitorPrefix);
  }

  /**
   * @param visitorPath   the path the visitor asked for
   * @param forwardedPath the path after route or dispatch rewriting (before {@code origin.path})
   */
  static PrefixRewrite of(String originPath, String visitorPath, String forwardedPath) {
    String prefix = "";
    if (visitorPath != null && forwardedPath != null && visitorPath.length() > forwardedPath.length()
        && visitorPath.endsWith(forwardedPath.equals("/") ? "" : forwardedPath)) {
      prefix = visitorPath.substring(0, visitorPath.length() - (forwardedPath.equals("/") ? 0 : forwardedPath.length()));
    }
    return new PrefixRewrite(originPath, prefix);
  }

  /** Sets {@code X-Forwarded-Prefix} on the origin request when a prefix was stripped; a visitor's own is never passed on. */
  void forward(MultiMap out) {
    out.remove(X_FORWARDED_PREFIX);
    if (!visitorPrefix.isEmpty()) {
      out.set(X_FORWARDED_PREFIX, visitorPrefix);
    }
  }

  /**
   * Rewrites {@code Location} and {@code Content-Location} in the response headers {@code out}.
   *
   * @param originAuthorities the names the origin goes by: its url's authority and the Host it was sent
   */
  void rewriteLocations(MultiMap out, String... originAuthorities) {
    if (originPath.isEmpty() && visitorPrefix.isEmpty()) {
      return;
    }
    for (CharSequence name : new CharSequence[] {HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION}) {
      String value = out.get(name);
      if (value != null) {
        out.set(name, rewrite(value, originAuthorities));
      }
    }
  }

  /** @return {@code location} in the visitor's terms, or unchanged when it does not point at the origin */
  String rewrite(String location, String... originAuthorities) {
    String path;
    if (location.startsWith("/") && !location.startsWith("//")) {
      path = location;
    } else {
      URI uri;
      try {
        uri = URI.create(location.trim());
      } catch (IllegalArgumentException e) {
        return location;
      }
      if (uri.getRawAuthority() == null || !isOrigin(uri.getRawAuthority(), originAuthorities)) {
        return location;
      }
      path = location.substring(location.indexOf(uri.getRawAuthority()) + uri.getRawAuthority().length());
      if (path.isEmpty()) {
        path = "/";
      }
    }
    String rest;
    if (originPath.isEmpty()) {
      rest = path;
    } else if (path.equals(originPath) || startsWithSegment(path, originPath)) {
      rest = path.substring(originPath.length());
    } else {
      return location;
    }
    if (rest.isEmpty() || rest.startsWith("?") || rest.startsWith("#")) {
      rest = visitorPrefix.isEmpty() ? "/" + rest : rest;
    }
    return visitorPrefix + rest;
  }

  private static boolean startsWithSegment(String path, String base) {
    if (!path.startsWith(base)) {
      return false;
    }
    char next = path.charAt(base.length());
    return next == '/' || next == '?' || next == '#';
  }

  private static boolean isOrigin(String authority, String... originAuthorities) {
    String a = authority.toLowerCase(Locale.ROOT);
    for (String o : originAuthorities) {
      if (o != null && a.equals(o.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String trimSlash(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "";
    }
    String p = path.startsWith("/") ? path : "/" + path;
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
