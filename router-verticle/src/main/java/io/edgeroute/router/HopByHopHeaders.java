package io.edgeroute.router;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), and so must not be
 * forwarded by a proxy in either direction.
 */
final class HopByHopHeaders {

  /**
   * Always removed, lowercase, with every {@code Proxy-*} header (credentials and state meant for a
   * proxy, never for the origin or the visitor). {@code Upgrade} and {@code Connection} survive a
   * WebSocket upgrade.
   */
  static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade", "proxy-authorization", "proxy-authenticate");

  private HopByHopHeaders() {
  }

  /**
   * Removes the hop-by-hop headers from {@code headers}, and every header named in
   * {@code Connection}. With {@code webSocketUpgrade} the {@code Upgrade: websocket} and
   * {@code Connection: Upgrade} pair is put back, since it is the one hop-by-hop request the
   * origin must see.
   */
  static void strip(MultiMap headers, boolean webSocketUpgrade) {
    List<String> named = new ArrayList<>();
    String connection = headers.get("Connection");
    if (connection != null) {
      for (String value : headers.getAll("Connection")) {
        for (String token : value.split(",")) {
          String name = token.trim().toLowerCase(Locale.ROOT);
          if (!name.isEmpty()) {
            named.add(name);
          }
        }
      }
    }
    String upgrade = headers.get("Upgrade");
    // Over the entries, not names(): that builds a sorted set of every name on each request.
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().regionMatches(true, 0, "proxy-", 0, 6)) {
        named.add(header.getKey());
      }
    }
    named.forEach(headers::remove);
    for (String name : NAMES) {
      headers.remove(name);
    }
    if (webSocketUpgrade) {
      headers.set("Upgrade", upgrade);
      headers.set("Connection", "Upgrade");
    }
  }

  /** @return whether the request asks to become a WebSocket ({@code Upgrade: websocket} with {@code Connection: upgrade}) */
  static boolean isWebSocketUpgrade(MultiMap headers) {
    String upgrade = headers.get("Upgrade");
    if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
      return false;
    }
    for (String value : headers.getAll("Connection")) {
      for (String token : value.split(",")) {
        if (token.trim().equalsIgnoreCase("upgrade")) {
          return true;
        }
      }
    }
    return false;
  }
}
