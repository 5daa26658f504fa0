package io.edgeroute.shared.model;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.host.HostPort;

import java.util.Locale;

/**
 * The parsed form of {@code origin.url}: {@code http} or {@code https}, a host, an optional port
 * and nothing else (SPEC §3). A proxy that keeps a routing snapshot should parse once with
 * {@link Origin#target()} and keep this value.
 *
 * @param scheme {@code "http"} or {@code "https"}
 * @param host   normalised (lowercase A-label, IPv6 in brackets)
 * @param port   the explicit port, else 80 for http and 443 for https
 */
public record OriginUrl(String scheme, String host, int port) {

  public static final String HTTP = "http";
  public static final String HTTPS = "https";

  /**
   * @throws IllegalArgumentException with a message fit for a 422 detail: wrong scheme, no host,
   *     bad port, or a path, query, fragment or userinfo that does not belong in the url
   */
  public static OriginUrl parse(String url) {
    if (url == null || url.isEmpty()) {
      throw new IllegalArgumentException("url must not be empty");
    }
    int sep = url.indexOf("://");
    String scheme = sep < 0 ? "" : url.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals(HTTP) && !scheme.equals(HTTPS)) {
      throw new IllegalArgumentException("url must start with http:// or https://");
    }
    String authority = url.substring(sep + 3);
    int extra = firstOf(authority, "/?#");
    if (extra >= 0) {
      throw new IllegalArgumentException("url must be scheme://host[:port] only; put a base path in origin.path, not \""
          + authority.substring(extra) + "\"");
    }
    if (authority.indexOf('@') >= 0) {
      throw new IllegalArgumentException("url must not contain user information ('@')");
    }
    if (authority.isEmpty()) {
      throw new IllegalArgumentException("url has no host");
    }
    int defaultPort = scheme.equals(HTTPS) ? 443 : 80;
    int hostEnd = authority.startsWith("[") ? authority.indexOf(']') + 1 : authority.indexOf(':');
    if (hostEnd <= 0) {
      hostEnd = authority.length();
    }
    String host = HostNames.normalizeOriginHost(authority.substring(0, hostEnd));
    String rest = authority.substring(hostEnd);
    if (rest.isEmpty()) {
      return new OriginUrl(scheme, host, defaultPort);
    }
    if (!rest.startsWith(":")) {
      throw new IllegalArgumentException("url has unexpected text \"" + rest + "\" after the host");
    }
    return new OriginUrl(scheme, host, HostPort.parsePort(rest.substring(1), url));
  }

  public boolean isTls() {
    return HTTPS.equals(scheme);
  }

  /** @return the Host header value: the host, plus {@code :port} unless it is the scheme's default */
  public String authority() {
    return port == (isTls() ? 443 : 80) ? host : host + ":" + port;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
