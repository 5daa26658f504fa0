package io.edgeroute.router;

import io.edgeroute.router.gate.Tokens;
import io.edgeroute.shared.host.HostPort;
import io.edgeroute.shared.model.HostHeader;
import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.OriginUrl;

/**
 * One origin parsed once for one request: what to dial, what to call it (Host and TLS SNI) and
 * the URI to ask for (SPEC §3 {@code origin}).
 *
 * @param url        the parsed {@code origin.url}: scheme, host (the SNI name) and port
 * @param authority  the url's authority ({@link OriginUrl#authority()}), for rewriting {@code Location}
 * @param dial       the address the connection is opened to: {@code connectTo}, else the url's host and port
 * @param hostHeader the Host the origin sees: the url's authority, or the visitor's with {@code hostHeader: client}
 * @param uri        {@code origin.path} (with {@code {host}} replaced) + the forwarded path + the query
 */
record OriginTarget(OriginUrl url, String authority, HostPort dial, String hostHeader, String uri) {

  /**
   * @param origin      where the request goes
   * @param requestHost the visitor's normalised host, for {@code {host}} in {@code origin.path}
   * @param visitorHost the visitor's Host as sent, for {@code hostHeader: client}
   * @param path        the request path after route or dispatch rewriting, starting with {@code /}
   * @param query       the raw query string, or {@code null}
   */
  static OriginTarget of(Origin origin, String requestHost, String visitorHost, String path, String query) {
    String host = origin.effectiveHostHeader() == HostHeader.CLIENT ? visitorHost : origin.authority();
    String uri = join(origin.pathFor(requestHost), path);
    String target = query == null ? uri : uri + "?" + query;
    // Routing data that cannot make a valid request line or Host (CRLF in origin.path...) is this
    // site's problem alone: 502 here, never an exception inside the HTTP client (SPEC §4a).
    if (!Tokens.isVisibleAscii(target) || host == null || !Tokens.isVisibleAscii(host)) {
      throw ProxyFailure.badGateway("the site's origin cannot be turned into a valid request.", null);
    }
    return new OriginTarget(origin.target(), origin.authority(), origin.dialAddress(), host, target);
  }

  /** @return this target dialling {@code address} instead (Host, SNI and URI unchanged) */
  OriginTarget withDial(HostPort address) {
    return new OriginTarget(url, authority, address, hostHeader, uri);
  }

  /** Joins a base path and a request path with exactly one {@code /} between them. */
  static String join(String base, String path) {
    if (base.isEmpty()) {
      return path.isEmpty() ? "/" : path;
    }
    String b = base.startsWith("/") ? base : "/" + base;
    if (b.endsWith("/") && path.startsWith("/")) {
      return b + path.substring(1);
    }
    return b.endsWith("/") || path.startsWith("/") || path.isEmpty() ? b + path : b + "/" + path;
  }
}
