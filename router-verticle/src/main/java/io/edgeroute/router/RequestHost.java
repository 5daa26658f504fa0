package io.edgeroute.router;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host a request is for (SPEC §4): from {@code Host}, or the absolute-form target, lowercased,
 * without port or trailing dot. Either a host or the reason there is none (answered with 400).
 */
public record RequestHost(String host, String error) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

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
    if (host.length() > 253 || !(NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
      return new RequestHost(null, "invalid Host header");
    }
    return new RequestHost(host, null);
  }

  public boolean valid() {
    return host != null;
  }
}
