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
    int first = line.indexOf(' ');
    int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0) {
      throw Refusal.badRequest("a malformed request line");
    }
    String method = line.substring(0, first);
    String target = line.substring(first + 1, second);
    String version = line.substring(second + 1);
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

  private static String originForm(String target) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    String normalised = RequestPath.normalise(path);
    return query < 0 ? normalised : normalised + target.substring(query);
  }
}
