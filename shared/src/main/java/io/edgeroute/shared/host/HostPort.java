package io.edgeroute.shared.host;

/**
 * A {@code host:port} pair as written in {@code origin.connectTo} (SPEC §3): a DNS name, an IPv4
 * literal or a bracketed IPv6 literal, then a mandatory port.
 *
 * @param host lowercase, IPv6 literals keep their brackets ({@code [::1]}) so that
 *             {@code host + ":" + port} is again a valid authority
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host is missing");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException naming what is wrong: missing port, bad port, bad host
   */
  public static HostPort parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("must be host:port");
    }
    // For "[v6]:port" the port colon is the one after ']'; a bare "[v6]" has none.
    int colon = value.lastIndexOf(':');
    if (colon < 0 || colon < value.lastIndexOf(']')) {
      throw new IllegalArgumentException("\"" + value + "\" has no port; write host:port");
    }
    String host = value.substring(0, colon);
    if (!host.startsWith("[") && host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("\"" + value + "\": IPv6 addresses must be in brackets, as in [::1]:443");
    }
    int port = parsePort(value.substring(colon + 1), value);
    return new HostPort(HostNames.normalizeOriginHost(host), port);
  }

  /**
   * Parses a decimal port, 1 to 65535; {@code context} names the whole value in the message.
   *
   * @throws IllegalArgumentException if it is not such a port
   */
  public static int parsePort(String digits, String context) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + context + "\" has an invalid port \"" + digits + "\"");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("\"" + context + "\" has port " + port + ", not between 1 and 65535");
    }
    return port;
  }

  /** @return the host as socket and resolver APIs take it: an IPv6 literal without its brackets */
  public String unbracketedHost() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
