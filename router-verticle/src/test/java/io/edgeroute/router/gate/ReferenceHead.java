package io.edgeroute.router.gate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The gate's head checks as they were before they learned to leave a canonical head untouched
 * (string by string, every line copied): the oracle the allocation-free {@link RequestHead},
 * {@link RequestLine} and {@link RequestPath} are compared with on random heads. Only what that
 * change rewrote is kept here; the checks it left alone are called in {@link Tokens}.
 */
final class ReferenceHead {

  private ReferenceHead() {
  }

  static record OldHead(String text, Framing framing, long contentLength, boolean upgrade) {

    /** How a request body is delimited (RFC 9112 §6.3). */
    enum Framing {
      NONE, LENGTH, CHUNKED
    }

    /** Longest Content-Length accepted: 18 digits cannot overflow a long. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /**
     * @param head the head as received, ISO-8859-1, from the request line to the empty line included
     * @throws Refusal when the head is malformed or ambiguous
     */
    static OldHead parse(String head) {
      if (!head.endsWith("\r\n\r\n")) {
        throw Refusal.badRequest("the head does not end with an empty line");
      }
      List<String> lines = lines(head.substring(0, head.length() - 4));
      for (String line : lines) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
          throw Refusal.badRequest("a bare CR or LF in the head");
        }
      }
      OldLine requestLine = OldLine.parse(lines.get(0));
      StringBuilder out = new StringBuilder(head.length() + 16);
      out.append(requestLine.method()).append(' ').append(requestLine.target()).append(' ').append(requestLine.version())
          .append("\r\n");
      if (requestLine.authority() != null) {
        out.append("Host: ").append(requestLine.authority()).append("\r\n");
      }
      int hosts = 0;
      List<String> transferEncodings = new ArrayList<>(1);
      List<String> contentLengths = new ArrayList<>(1);
      boolean upgrade = false;
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
          throw Refusal.badRequest("a folded header line");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw Refusal.badRequest(colon == 0 ? "an empty header name" : "a header line without a colon");
        }
        String name = line.substring(0, colon);
        if (!OldTokens.isToken(name)) {
          throw Refusal.badRequest("a header name that is not a token");
        }
        String value = OldTokens.trimOws(line.substring(colon + 1));
        if (!OldTokens.isFieldValue(value)) {
          throw Refusal.badRequest("a control character in a header value");
        }
        if (name.indexOf('_') >= 0) {
          // nginx's default: X_Forwarded_For must never pose as X-Forwarded-For to a CGI-style origin.
          continue;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
          case "transfer-encoding" -> transferEncodings.add(value);
          case "content-length" -> contentLengths.add(value);
          case "upgrade" -> upgrade = true;
          case "host" -> {
            hosts++;
            if (requestLine.authority() != null) {
              // RFC 9112 §3.2.2: the absolute-form authority wins; the Host line is replaced by it.
              continue;
            }
          }
          default -> {
          }
        }
        out.append(name).append(": ").append(value).append("\r\n");
      }
      if (hosts > 1) {
        throw Refusal.badRequest("more than one Host header");
      }
      if (hosts == 0 && requestLine.authority() == null && requestLine.version().equals("HTTP/1.1")) {
        throw Refusal.badRequest("no Host header");
      }
      out.append("\r\n");
      return framed(out.toString(), requestLine.version(), transferEncodings, contentLengths, upgrade);
    }

    /** Splits on CRLF without a regular expression (this runs once per request). */
    private static List<String> lines(String text) {
      List<String> lines = new ArrayList<>(16);
      int from = 0;
      int crlf;
      while ((crlf = text.indexOf("\r\n", from)) >= 0) {
        lines.add(text.substring(from, crlf));
        from = crlf + 2;
      }
      lines.add(text.substring(from));
      return lines;
    }

    private static OldHead framed(String text, String version, List<String> transferEncodings,
                                      List<String> contentLengths, boolean upgrade) {
      if (!transferEncodings.isEmpty()) {
        if (version.equals("HTTP/1.0")) {
          throw Refusal.badRequest("Transfer-Encoding on HTTP/1.0");
        }
        if (!contentLengths.isEmpty()) {
          throw Refusal.badRequest("both Transfer-Encoding and Content-Length");
        }
        if (transferEncodings.size() > 1) {
          throw Refusal.badRequest("more than one Transfer-Encoding line");
        }
        transferCoding(transferEncodings.get(0));
        return new OldHead(text, Framing.CHUNKED, -1, upgrade);
      }
      if (contentLengths.isEmpty()) {
        return new OldHead(text, Framing.NONE, 0, upgrade);
      }
      if (contentLengths.size() > 1) {
        throw Refusal.badRequest("more than one Content-Length line");
      }
      String length = contentLengths.get(0);
      if (length.length() > MAX_LENGTH_DIGITS || !Tokens.isDigits(length)) {
        throw Refusal.badRequest("a malformed Content-Length");
      }
      long n = Long.parseLong(length);
      return new OldHead(text, n == 0 ? Framing.NONE : Framing.LENGTH, n, upgrade);
    }

    /**
     * Accepts exactly {@code chunked} (in any case, as nginx does). A list is refused: with
     * {@code chunked} in it, it is ambiguous (400); without, it names codings the router does not
     * decode (501).
     */
    private static void transferCoding(String value) {
      String[] codings = value.split(",", -1);
      boolean chunked = false;
      for (String coding : codings) {
        String c = OldTokens.trimOws(coding);
        if (c.isEmpty() || !OldTokens.isToken(c)) {
          throw Refusal.badRequest("a malformed Transfer-Encoding");
        }
        chunked |= c.equalsIgnoreCase("chunked");
      }
      if (chunked && codings.length == 1) {
        return;
      }
      if (chunked) {
        throw Refusal.badRequest("a Transfer-Encoding other than exactly chunked");
      }
      throw new Refusal(501, "an unsupported Transfer-Encoding");
    }
  }

  static record OldLine(String method, String target, String version, String authority) {

    /**
     * @throws Refusal 505 for a well-formed version other than 1.0 and 1.1; 400 for anything else
     *     malformed, for CONNECT (authority-form), {@code *} (asterisk-form), userinfo or a fragment
     */
    static OldLine parse(String line) {
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
        return new OldLine(method, originForm(target), version, null);
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
      return new OldLine(method, originForm(rest), version, authority);
    }

    private static String originForm(String target) {
      int query = target.indexOf('?');
      String path = query < 0 ? target : target.substring(0, query);
      String normalised = OldPath.normalise(path);
      return query < 0 ? normalised : normalised + target.substring(query);
    }
  }

  static final class OldPath {

    private static final String HEX = "0123456789ABCDEF";

    private OldPath() {
    }

    /**
     * @param raw the path of a request target, starting with {@code /}, without query
     * @return the normalised path, starting with {@code /}
     * @throws Refusal 400 for a path that climbs above {@code /} or is ambiguous
     */
    public static String normalise(String raw) {
      String decoded = decodeUnreserved(raw);
      Deque<String> out = new ArrayDeque<>();
      String[] segments = decoded.split("/", -1);
      // segments[0] is the empty string before the leading slash.
      for (int i = 1; i < segments.length; i++) {
        String segment = segments[i];
        boolean last = i == segments.length - 1;
        if (segment.equals("..")) {
          if (out.isEmpty()) {
            throw Refusal.badRequest("the path climbs above /");
          }
          out.removeLast();
          if (last) {
            out.addLast("");
          }
        } else if (segment.equals(".") || segment.isEmpty()) {
          if (last) {
            out.addLast("");
          }
        } else {
          hiddenDotSegment(segment);
          out.addLast(segment);
        }
      }
      StringBuilder path = new StringBuilder();
      for (String segment : out) {
        path.append('/').append(segment);
      }
      return path.length() == 0 ? "/" : path.toString();
    }

    /** Refuses a segment that an origin decoding {@code %2F} or {@code %5C} would see as a dot segment. */
    private static void hiddenDotSegment(String segment) {
      String upper = segment.toUpperCase(java.util.Locale.ROOT);
      if (!upper.contains("%2F") && !upper.contains("%5C")) {
        return;
      }
      for (String part : upper.replace("%5C", "%2F").split("%2F", -1)) {
        if (part.equals(".") || part.equals("..")) {
          throw Refusal.badRequest("a dot segment behind an encoded slash");
        }
      }
    }

    private static String decodeUnreserved(String raw) {
      StringBuilder out = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\') {
          throw Refusal.badRequest("a backslash in the path");
        }
        if (c != '%') {
          out.append(c);
          continue;
        }
        if (i + 2 >= raw.length()) {
          throw Refusal.badRequest("a malformed percent-escape in the path");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw Refusal.badRequest("a malformed percent-escape in the path");
        }
        int value = hi * 16 + lo;
        if (value < 0x20 || value == 0x7f) {
          throw Refusal.badRequest("an encoded control character in the path");
        }
        if (isUnreserved(value)) {
          out.append((char) value);
        } else {
          out.append('%').append(HEX.charAt(hi)).append(HEX.charAt(lo));
        }
        i += 2;
      }
      return out.toString();
    }

    private static boolean isUnreserved(int c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
          || c == '~';
    }
  }

  static final class OldTokens {

    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private OldTokens() {
    }

    /** @return whether {@code s} is a non-empty token (RFC 9110 §5.6.2) */
    static boolean isToken(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        if (!alnum && TCHAR_SYMBOLS.indexOf(c) < 0) {
          return false;
        }
      }
      return true;
    }

    /** @return whether {@code s} holds no control character but HTAB (RFC 9110 §5.5; obs-text allowed) */
    static boolean isFieldValue(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          return false;
        }
      }
      return true;
    }

    /** @return {@code s} without leading and trailing spaces and tabs */
    static String trimOws(String s) {
      int start = 0;
      int end = s.length();
      while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
        start++;
      }
      while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
        end--;
      }
      return s.substring(start, end);
    }
  }
}
