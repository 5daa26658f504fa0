package io.edgeroute.shared.model;

/**
 * A {@code cache.bypassCookies} pattern (SPEC §6): {@code *} matches any run of characters (none
 * included); a pattern without {@code *} is a prefix. Matching is case-sensitive, as cookie names are.
 * A valid pattern is a non-empty token (RFC 9110 §5.6.2: the characters a cookie name may hold,
 * {@code *} among them) that is not only {@code *}s: such a pattern would send every visitor
 * carrying any cookie past the cache, which is {@code cache.enabled: false} said another way.
 */
public final class CookiePattern {

  private CookiePattern() {
  }

  /** @return whether the cookie name matches the pattern */
  public static boolean matches(String pattern, String name) {
    if (pattern.indexOf('*') < 0) {
      return name.startsWith(pattern);
    }
    return glob(pattern, 0, name, 0);
  }

  /** @return why the pattern is invalid (a 422 detail), or {@code null} when it is valid */
  public static String problem(String pattern) {
    if (pattern.isEmpty()) {
      return "must not be empty";
    }
    if (pattern.chars().allMatch(c -> c == '*')) {
      return "must name some characters, not only *";
    }
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return "must be a cookie name pattern: letters, digits, !#$%&'*+-.^_`|~ (with * for any run)";
      }
    }
    return null;
  }

  /** Iterative glob with backtracking to the last {@code *}: linear in practice, no regex. */
  private static boolean glob(String p, int pi, String s, int si) {
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == s.charAt(si)) {
        pi++;
        si++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
