package io.edgeroute.router;

import io.edgeroute.shared.config.Cidr;
import io.netty.util.NetUtil;
import io.vertx.core.MultiMap;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The headers a proxy adds about the visitor (SPEC §4): {@code X-Forwarded-For} (appended),
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code Via} and {@code X-Request-Id}.
 * Client-sent {@code X-Forwarded-*} (and {@code Forwarded}) are kept only when the direct peer is a
 * trusted proxy; from anyone else they are dropped and replaced, as nginx's realip module and Caddy's
 * {@code trusted_proxies} do, so a visitor cannot forge its address to the origin.
 */
final class ForwardedHeaders {

  static final String X_FORWARDED_FOR = "X-Forwarded-For";
  static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
  static final String X_FORWARDED_HOST = "X-Forwarded-Host";
  static final String X_REQUEST_ID = "X-Request-Id";
  static final String VIA_VALUE = "1.1 edgeroute";

  /** A request id sent by the client is kept when it is this tame; otherwise one is generated. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

  private final List<Cidr> trustedProxies;

  ForwardedHeaders(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** @return whether the peer address (a literal IP) is one of the trusted proxies */
  boolean trusts(String peerAddress) {
    if (trustedProxies.isEmpty() || peerAddress == null) {
      return false;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(peerAddress);
    if (bytes == null) {
      return false;
    }
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      return trustedProxies.stream().anyMatch(c -> c.contains(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Rewrites {@code headers} (a copy of the visitor's, hop-by-hop already removed) for the origin.
   *
   * @param peerAddress the IP of the direct peer
   * @param scheme      the scheme the visitor used to reach the router
   * @param visitorHost the visitor's Host as sent
   * @param requestId   from {@link #requestId}
   */
  void apply(MultiMap headers, String peerAddress, String scheme, String visitorHost, String requestId) {
    boolean trusted = trusts(peerAddress);
    String priorFor = trusted ? String.join(", ", headers.getAll(X_FORWARDED_FOR)) : "";
    String proto = trusted ? headers.get(X_FORWARDED_PROTO) : null;
    String host = trusted ? headers.get(X_FORWARDED_HOST) : null;
    if (!trusted) {
      // Over the entries: names() would build a sorted set of every name on each request.
      List<String> forged = null;
      for (Map.Entry<String, String> header : headers) {
        String name = header.getKey();
        if (name.regionMatches(true, 0, "x-forwarded-", 0, 12) || name.equalsIgnoreCase("forwarded")) {
          if (forged == null) {
            forged = new ArrayList<>(2);
          }
          forged.add(name);
        }
      }
      if (forged != null) {
        forged.forEach(headers::remove);
      }
    }
    String peer = peerAddress == null ? "unknown" : peerAddress;
    headers.set(X_FORWARDED_FOR, priorFor.isBlank() ? peer : priorFor + ", " + peer);
    headers.set(X_FORWARDED_PROTO, proto == null ? scheme : proto);
    headers.set(X_FORWARDED_HOST, host == null ? visitorHost : host);
    List<String> via = headers.getAll("Via");
    headers.set("Via", via.isEmpty() ? VIA_VALUE : String.join(", ", via) + ", " + VIA_VALUE);
    headers.set(X_REQUEST_ID, requestId);
  }

  /** @return the visitor's {@code X-Request-Id} when it is sane, else a fresh random one */
  static String requestId(String sent) {
    return sent != null && SAFE_ID.matcher(sent).matches() ? sent : randomId();
  }

  /**
   * @return a random (version 4) UUID from the thread's own generator: a request id needs to be
   *     unique, not unguessable, and {@link UUID#randomUUID()} takes the shared SecureRandom's lock
   *     on every request
   */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
