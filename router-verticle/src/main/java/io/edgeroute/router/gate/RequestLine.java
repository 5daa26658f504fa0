package io.edgeroute.router.gate;

import java.util.Locale;

/**
 * A checked request line (RFC 9112 §3, SPEC §4a), its target already in origin-form with the path
 * normalised.
 *
 * @param method    the method, a token
 * @param target    origin-form: the normalised path, then the query as sent
 * @param version   {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param authority the absolute-form target's authority, which replaces Host; {@code null} for origin-form
 */
record RequestLine(String method, String target, String version, String authority) {

  /**
   * @throws Refusal 505 for a well-formed version other than 1.0 and 1.1; 400 for anything else
   *     malformed, for CONNECT (authority-form), {@code *} (asterisk-form), userinfo or a fragment
   */
  static RequestLine parse(String line) {
    return parse(line, 0, line.length());
  }

  /**
   * Parses the request line that is {@code [from, to)} of {@code text}.
   *
   * @throws Refusal as {@link #parse(String)}
   */
  static RequestLine parse(String text, int from, int to) {
    int first = indexOf(text, ' ', from, to);
    int second = first < 0 ? -1 : indexOf(text, ' ', first + 1, to);
    if (first <= from || second < 0 || indexOf(text, ' ', second + 1, to) >= 0) {
      throw Refusal.badRequest("a malformed request line");
    }
    String method = text.substring(from, first);
    String target = text.substring(first + 1, second);
    String version = text.substring(second + 1, to);
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      if (version.matches("HTTP/[0-9]\\.[0-9]")) {
        throw new Refusal(505, "HTTP version not supported");
      }
      throw Refusal.badRequest("a malformed HTTP version");
    }
    if (!Tokens.isUpperMethod(method)) {
      // Stricter than a token, as nginx: methods are upper case.
      throw Refusal.badRequest("a malformed method");
    }
    if (method.equals("CONNECT")) {
      throw Refusal.badRequest("CONNECT is not proxied");
    }
    if (!Tokens.isVisibleAscii(target) || target.indexOf('#') >= 0) {
      throw Refusal.badRequest("a malformed request target");
    }
    if (target.startsWith("/")) {
      return new RequestLine(method, originForm(target), version, null);
    }
    String lower = target.toLowerCase(Locale.ROOT);
    int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (schemeEnd < 0) {
      // Asterisk-form (OPTIONS *), authority-form and anything else without a leading slash.
      throw Refusal.badRequest("the request target must start with / or http(s)://");
    }
    int end = schemeEnd;
    while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
      end++;
    }
    String authority = target.substring(schemeEnd, end);
    if (authority.isEmpty() || authority.indexOf('@') >= 0) {
      throw Refusal.badRequest(authority.isEmpty() ? "an absolute target without a host" : "userinfo in the request target");
    }
    String rest = end == target.length() ? "/" : target.charAt(end) == '?' ? "/" + target.substring(end) : target.substring(end);
    return new RequestLine(method, originForm(rest), version, authority);
  }

  /**
   * @return whether this line, sent to the origin, is the very line {@code [from, to)} of
   *     {@code text} it was parsed from: origin-form, its path already normal
   */
  boolean isAsSent(String text, int from, int to) {
    return authority == null && to - from == method.length() + target.length() + version.length() + 2
        && text.startsWith(target, from + method.length() + 1);
  }

  /** @return the first {@code c} in {@code [from, to)} of {@code text}, or -1 */
  private static int indexOf(String text, char c, int from, int to) {
    int i = text.indexOf(c, from);
    return i < to ? i : -1;
  }

  private static String originForm(String target) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    String normalised = RequestPath.normalise(path);
    if (normalised == path) {
      // Already normal (the usual case): the target as sent, not a copy of it.
      return target;
    }
    return query < 0 ? normalised : normalised + target.substring(query);
  }
}
