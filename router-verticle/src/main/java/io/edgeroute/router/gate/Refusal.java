package io.edgeroute.router.gate;

/**
 * A request the router will not forward (SPEC §4a): the status it is answered with before the
 * connection is closed, and why. Thrown by the parsers of this package, caught only by
 * {@link VisitorGate}, which is the one place that answers it.
 */
public final class Refusal extends RuntimeException {

  private final int status;

  Refusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  static Refusal badRequest(String reason) {
    return new Refusal(400, reason);
  }

  /** @return the HTTP status the visitor gets: 400, 408, 431, 501 or 505 */
  public int status() {
    return status;
  }
}
