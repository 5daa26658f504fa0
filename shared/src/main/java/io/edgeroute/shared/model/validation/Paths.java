package io.edgeroute.shared.model.validation;

/** Rules for path-like fields ({@code origin.path}, {@code routes[].pathPrefix}). */
final class Paths {

  private Paths() {
  }

  /**
   * A path starts with {@code /} and carries no query, fragment, whitespace or control characters:
   * those would change the request line the router writes, not just its path.
   */
  static void check(Problems problems, String pointer, String path) {
    if (!path.startsWith("/")) {
      problems.add(pointer, "must start with \"/\"");
      return;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?' || c == '#') {
        problems.add(pointer, "must not contain '" + c + "' (no query or fragment)");
        return;
      }
      if (c <= ' ' || c == 0x7f) {
        problems.add(pointer, "must not contain spaces or control characters");
        return;
      }
    }
  }
}
