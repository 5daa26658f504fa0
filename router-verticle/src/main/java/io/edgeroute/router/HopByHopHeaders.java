package io.edgeroute.router;

import io.edgeroute.shared.http.HeaderFields;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), and so must not be
 * forwarded by a proxy in either direction: {@code Connection}, {@code Keep-Alive}, {@code TE},
 * {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade} and every {@code Proxy-*} field
 * (credentials and state meant for a proxy, never for the origin or the visitor), plus whatever
 * {@code Connection} names. {@code Upgrade} and {@code Connection} survive a WebSocket upgrade.
 */
final class HopByHopHeaders {

  private HopByHopHeaders() {
  }

  /**
   * Removes the hop-by-hop headers from {@code headers}, and every header named in
   * {@code Connection}. With {@code webSocketUpgrade} the {@code Upgrade: websocket} and
   * {@code Connection: Upgrade} pair is put back, since it is the one hop-by-hop request the
   * origin must see.
   */
  static void strip(MultiMap headers, boolean webSocketUpgrade) {
    // One pass over the entries (names() would build a sorted set of every name), as the
    // CharSequences Vert.x holds (its String view builds an entry per field); most messages carry
    // one hop-by-hop field at most (Connection: keep-alive), so the removals are few.
    List<String> remove = null;
    String upgrade = null;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = HeaderFields.of(headers); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      CharSequence name = header.getKey();
      if (!isHopByHop(name)) {
        continue;
      }
      if (remove == null) {
        remove = new ArrayList<>(4);
      }
      remove.add(name.toString());
      if (AsciiString.contentEqualsIgnoreCase(name, "connection")) {
        for (String token : header.getValue().toString().split(",")) {
          String named = token.trim();
          if (!named.isEmpty()) {
            remove.add(named);
          }
        }
      } else if (upgrade == null && AsciiString.contentEqualsIgnoreCase(name, "upgrade")) {
        upgrade = header.getValue().toString();
      }
    }
    if (remove == null) {
      return;
    }
    // MultiMap names are case-insensitive: one removal takes every spelling and every line.
    remove.forEach(headers::remove);
    if (webSocketUpgrade && upgrade != null) {
      headers.set("Upgrade", upgrade);
      headers.set("Connection", "Upgrade");
    }
  }

  /** @return whether {@code name} is always hop-by-hop (see above), ignoring case */
  static boolean isHopByHop(CharSequence name) {
    return switch (name.length()) {
      case 2 -> AsciiString.contentEqualsIgnoreCase(name, "te");
      case 7 -> AsciiString.contentEqualsIgnoreCase(name, "upgrade") || AsciiString.contentEqualsIgnoreCase(name, "trailer");
      case 10 -> AsciiString.contentEqualsIgnoreCase(name, "connection")
          || AsciiString.contentEqualsIgnoreCase(name, "keep-alive");
      case 17 -> AsciiString.contentEqualsIgnoreCase(name, "transfer-encoding") || isProxyField(name);
      default -> isProxyField(name);
    };
  }

  private static boolean isProxyField(CharSequence name) {
    return name.length() >= 6 && AsciiString.regionMatches(name, true, 0, "proxy-", 0, 6);
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
