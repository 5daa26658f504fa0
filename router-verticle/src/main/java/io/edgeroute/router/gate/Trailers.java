package io.edgeroute.router.gate;

/** Trailer lines of a chunked body: held to the same field rules as the head's. */
final class Trailers {

  private Trailers() {
  }

  /** @throws Refusal 400 for a line that is not {@code token: value} */
  static void check(String line) {
    int colon = line.indexOf(':');
    if (colon <= 0 || !Tokens.isToken(line.substring(0, colon)) || !Tokens.isFieldValue(line.substring(colon + 1))) {
      throw Refusal.badRequest("a malformed trailer line");
    }
  }
}
