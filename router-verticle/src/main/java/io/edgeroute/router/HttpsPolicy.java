package io.edgeroute.router;

import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TlsSettings;
import io.vertx.core.http.HttpServerRequest;

/**
 * A site's HTTPS rules on the request path (SPEC §3, §9): {@code tls.redirectHttp} sends plain HTTP
 * to the same URL on HTTPS with 308, except ACME HTTP-01 challenges, which must be answered over
 * plain HTTP; {@code tls.hsts} is sent on HTTPS answers only (RFC 6797 §7.2: never over HTTP).
 */
final class HttpsPolicy {

  /** RFC 8555 §8.3: the HTTP-01 challenge path, always answered over plain HTTP. */
  static final String ACME_CHALLENGE_PATH = "/.well-known/acme-challenge/";
  static final String HSTS = "Strict-Transport-Security";

  private HttpsPolicy() {
  }

  /**
   * @param host the normalised request host
   * @return the {@code Location} to redirect to, or {@code null} when the request proceeds. The URL
   *     has no port: the public HTTPS port is 443 even when the listener is behind a port mapping.
   */
  static String redirect(HttpServerRequest request, boolean secure, String host, Site site) {
    TlsSettings tls = site.tls();
    if (secure || !tls.redirectHttp() || TlsSettings.OFF.equals(tls.mode())
        || request.path() == null || request.path().startsWith(ACME_CHALLENGE_PATH)) {
      return null;
    }
    // Path and query, not uri(): an absolute-form target carries the scheme and host already.
    return "https://" + host + request.path() + (request.query() == null ? "" : "?" + request.query());
  }

  /** @return the {@code Strict-Transport-Security} value of an HTTPS answer of a site that sets it, else {@code null} */
  static String hsts(boolean secure, Site site) {
    return secure ? site.tls().hsts() : null;
  }
}
