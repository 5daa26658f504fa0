package io.edgeroute.router;

import io.edgeroute.shared.host.HostPort;

/**
 * Which origin connections can serve a request: one pool per key ({@link OriginPool}).
 *
 * <p>A plain connection belongs to the address it dials, so all sites on one plain origin share
 * one pool (each request carries its own Host; otherwise 1,000 sites on one origin meant 1,000
 * pools). A TLS connection belongs to its name too (SNI and the certificate check), so TLS keeps one
 * pool per name.
 *
 * @param host       the address dialled, without IPv6 brackets: an IP literal, or a name resolved
 *                   when a connection is made
 * @param port       the port dialled
 * @param serverName the TLS name (SNI, the certificate's host), {@code null} for plain HTTP
 */
record OriginKey(String host, int port, String serverName) {

  /** @return the key of the connections {@code target} may use */
  static OriginKey of(OriginTarget target) {
    HostPort dial = target.dial();
    return new OriginKey(dial.unbracketedHost(), dial.port(),
        target.url().isTls() ? OriginClient.sniHost(target) : null);
  }

  boolean tls() {
    return serverName != null;
  }
}
