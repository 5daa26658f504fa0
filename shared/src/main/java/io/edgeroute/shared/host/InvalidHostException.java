package io.edgeroute.shared.host;

/**
 * A host name that breaks the rules of SPEC §7. The message names the offending host and what is
 * wrong with it, so the admin API can return it as a 422 detail and the router as a 400 body.
 */
public final class InvalidHostException extends IllegalArgumentException {

  private final String host;

  public InvalidHostException(String host, String problem) {
    super(describe(host) + ": " + problem);
    this.host = host;
  }

  /** @return the host exactly as it was given, possibly {@code null} */
  public String host() {
    return host;
  }

  private static String describe(String host) {
    return host == null ? "host is missing" : "invalid host \"" + host + "\"";
  }
}
