package io.edgeroute.router;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.Locale;

/**
 * The host a request is for (SPEC §4): from {@code Host}, or the absolute-form target, lowercased,
 * without port or trailing dot. Either a host or the reason there is none (answered with 400).
 */
public record RequestHost(String host, String error) {

  /** @return the request's host, or an error saying why it has none */
  public static RequestHost of(HttpServerRequest request) {
    if (request.headers().getAll(HttpHeaders.HOST).size() > 1) {
      return new RequestHost(null, "more than one Host header");
    }
    HostAndPort authority = request.authority();
    if (authority == null || authority.host() == null || authority.host().isEmpty()) {
      return new RequestHost(null, "missing Host header");
    }
    String host = authority.host().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.length() > 253 || !(isName(host) || isBracketedIpv6(host))) {
      return new RequestHost(null, "invalid Host header");
    }
    return new RequestHost(host, null);
  }

  public boolean valid() {
    return host != null;
  }

  /**
   * @return whether {@code host} is dot-separated labels of {@code a-z 0-9 _ -}, each non-empty and
   *     neither starting nor ending with {@code -} (a loop: this runs on every request)
   */
  static boolean isName(String host) {
    int n = host.length();
    int labelStart = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? host.charAt(i) : '.';
      if (c == '.') {
        if (i == labelStart || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
      } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code host} is {@code [} one or more of {@code 0-9 a-f : .} {@code ]} */
  static boolean isBracketedIpv6(String host) {
    int n = host.length();
    if (n < 3 || host.charAt(0) != '[' || host.charAt(n - 1) != ']') {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = host.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }
}
