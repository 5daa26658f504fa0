package io.edgeroute.router.gate;

/** Character classes of RFC 9110 §5.6. */
public final class Tokens {

  private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

  private Tokens() {
  }

  /** @return whether {@code s} is a non-empty token (RFC 9110 §5.6.2) */
  static boolean isToken(String s) {
    return isToken(s, 0, s.length());
  }

  /** @return whether {@code [from, to)} of {@code s} is a non-empty token */
  static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (!alnum && TCHAR_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code s} is non-empty and only visible ASCII (no space, control or obs-text) */
  public static boolean isVisibleAscii(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code s} is only upper-case letters, {@code _} and {@code -} (a method, as nginx takes it) */
  static boolean isUpperMethod(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code s} is non-empty and only the digits 0-9 */
  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code s} holds no control character but HTAB (RFC 9110 §5.5; obs-text allowed) */
  static boolean isFieldValue(String s) {
    return isFieldValue(s, 0, s.length());
  }

  /** @return whether {@code [from, to)} of {@code s} holds no control character but HTAB */
  static boolean isFieldValue(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** @return {@code s} without leading and trailing spaces and tabs */
  static String trimOws(String s) {
    int start = owsEnd(s, 0, s.length());
    return s.substring(start, owsStart(s, start, s.length()));
  }

  /** @return the first index of {@code [from, to)} of {@code s} that is not a space or tab, else {@code to} */
  static int owsEnd(String s, int from, int to) {
    int i = from;
    while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** @return where the spaces and tabs that end {@code [from, to)} of {@code s} begin, else {@code to} */
  static int owsStart(String s, int from, int to) {
    int i = to;
    while (i > from && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
      i--;
    }
    return i;
  }

  /** @return whether {@code [from, to)} of {@code s} holds {@code c} */
  static boolean holds(String s, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return true;
      }
    }
    return false;
  }
}
