package io.edgeroute.shared.host;

/**
 * A host name that breaks the rules of SPEC §7. The message names the offending host and what is
 * wrong with it, so the admin API can return it as a 422 detail and the router as a 400 body.
 */
public final class InvalidHostException extends IllegalArgumentException {

  private final String host;
  private final boolean idna;

  public InvalidHostException(String host, String problem) {
    this(host, problem, false);
  }

  private InvalidHostException(String host, String problem, boolean idna) {
    super(describe(host) + ": " + problem);
    this.host = host;
    this.idna = idna;
  }

  /** A host that is well-formed text but holds an {@code xn--} label that is not valid IDNA. */
  public static InvalidHostException invalidIdna(String host, String problem) {
    return new InvalidHostException(host, problem, true);
  }

  /** @return whether the host is refused for an invalid {@code xn--} label (SPEC §7: 422, not 400) */
  public boolean isInvalidIdna() {
    return idna;
  }

  /** @return the host exactly as it was given, possibly {@code null} */
  public String host() {
    return host;
  }

  private static String describe(String host) {
    return host == null ? "host is missing" : "invalid host \"" + host + "\"";
  }
}
