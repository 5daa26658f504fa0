package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Set;

/**
 * Whether a shared cache may store a response (RFC 9111 §3, §3.5, §4.2.2), and why not.
 * Only the decision lives here; the façade acts on it.
 */
public final class Storability {

  /**
   * Status codes a cache may store with heuristic freshness (RFC 9110 §15.1), minus 206 (this
   * cache keeps whole responses only). Other codes are stored only with explicit freshness.
   */
  static final Set<Integer> HEURISTIC = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

  /**
   * Status codes whose caching rules this cache implements (RFC 9111 §5.2.2.3 {@code must-understand}):
   * the heuristically cacheable ones and the redirects stored with explicit freshness.
   */
  static final Set<Integer> UNDERSTOOD = Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405, 410, 414,
      501);

  /** Never stored: partial content and the answers to conditionals are not whole representations. */
  private static final Set<Integer> NEVER = Set.of(206, 304);

  /**
   * @param store  whether to store
   * @param reason why not (an RFC 9211 {@code detail} token), {@code null} when storing
   */
  public record Verdict(boolean store, String reason) {
    static final Verdict STORE = new Verdict(true, null);

    static Verdict no(String reason) {
      return new Verdict(false, reason);
    }
  }

  private Storability() {
  }

  /**
   * @param request   the visitor's request
   * @param status    the origin's status
   * @param headers   the origin's response headers
   * @param cc        the response's Cache-Control
   * @param freshness computed for the response with the site's {@code defaultTtl}
   */
  public static Verdict decide(CacheRequest request, int status, MultiMap headers, CacheControl cc,
                               Freshness freshness) {
    if (!"GET".equals(request.method())) {
      // A HEAD response has no body, so it cannot stand in for the GET entry HEAD shares.
      return Verdict.no("method");
    }
    if (requestDirectives(request).has("no-store")) {
      return Verdict.no("request-no-store");
    }
    if (NEVER.contains(status) || status < 200) {
      return Verdict.no("status");
    }
    if (cc.has("must-understand")) {
      // RFC 9111 §5.2.2.3: only a cache that implements the status code's rules may store it, and
      // one that does ignores the no-store sent beside must-understand for older caches.
      if (!UNDERSTOOD.contains(status)) {
        return Verdict.no("must-understand");
      }
    } else if (cc.has("no-store")) {
      return Verdict.no("no-store");
    }
    if (cc.has("private")) {
      // A qualified private="field" would allow storing without the field; treating it as whole
      // is the conservative reading Varnish and nginx take too.
      return Verdict.no("private");
    }
    if (headers.contains("Set-Cookie")) {
      return Verdict.no("set-cookie");
    }
    List<String> vary = EntryKey.varyNames(headers.getAll("Vary"));
    if (vary.contains("*")) {
      return Verdict.no("vary-star");
    }
    if (request.headers().contains("Authorization") && !allowsAuthorized(cc)) {
      return Verdict.no("authorization");
    }
    if (!freshness.explicit() && !HEURISTIC.contains(status) && !cc.has("public")) {
      return Verdict.no("status");
    }
    boolean validator = headers.contains("ETag") || headers.contains("Last-Modified");
    if (freshness.lifetimeSeconds() <= 0 && freshness.explicit() && validator) {
      // no-cache, max-age=0 or an expired Expires with a validator: stored to be revalidated on
      // every use (RFC 9111 §4.3), a 304 then saving the body's transfer.
      return Verdict.STORE;
    }
    if (freshness.lifetimeSeconds() <= 0 && freshness.swrSeconds() <= 0 && freshness.sieSeconds() <= 0) {
      return Verdict.no(freshness.explicit() ? "expired" : "no-freshness");
    }
    return Verdict.STORE;
  }

  /**
   * RFC 9111 §3.5: a response to a request with Authorization may be stored and reused by a
   * shared cache only with {@code public}, {@code s-maxage} or {@code must-revalidate}.
   */
  static boolean allowsAuthorized(CacheControl cc) {
    return cc.has("public") || cc.has("s-maxage") || cc.has("must-revalidate");
  }

  static CacheControl requestDirectives(CacheRequest request) {
    return CacheControl.parse(request.headers().getAll("Cache-Control"));
  }
}
