package io.edgeroute.router.gate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one path normaliser (SPEC §4a): everything after it (routing, dispatch ids, route prefixes,
 * {@code origin.path}, the cache key, the forwarded request line) sees only its result.
 *
 * <ul>
 *   <li>percent-encoded unreserved characters are decoded (RFC 3986 §6.2.2.2), so {@code %2e} is a
 *       dot and {@code /%61pi} is {@code /api}; other escapes are kept, with upper-case hex;</li>
 *   <li>dot segments are removed (RFC 3986 §5.2.4); one that would climb above {@code /} is refused;</li>
 *   <li>empty segments are merged ({@code //} is {@code /}, as nginx's {@code merge_slashes});</li>
 *   <li>refused as ambiguous, because origins disagree on them: a malformed escape, {@code %00} and
 *       other encoded control characters, a raw {@code \}, and a dot segment hidden behind an
 *       encoded separator ({@code %2F} or {@code %5C}, as in {@code /a%2F..%2Fb}); an encoded
 *       separator elsewhere is forwarded as it came, as data, never as a separator.</li>
 * </ul>
 */
public final class RequestPath {

  private static final String HEX = "0123456789ABCDEF";

  private RequestPath() {
  }

  /**
   * @param raw the path of a request target, starting with {@code /}, without query
   * @return the normalised path, starting with {@code /}
   * @throws Refusal 400 for a path that climbs above {@code /} or is ambiguous
   */
  public static String normalise(String raw) {
    if (isNormal(raw)) {
      return raw;
    }
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

  /**
   * @return whether normalising {@code raw} would give {@code raw} back: it starts with {@code /}
   *     and holds no escape, no backslash, no empty segment but a last one, no dot segment
   */
  private static boolean isNormal(String raw) {
    int n = raw.length();
    if (n == 0 || raw.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '%' || c == '\\') {
        return false;
      }
      if (c == '/' && i + 1 < n && (raw.charAt(i + 1) == '/' || dotSegmentAt(raw, i + 1))) {
        return false;
      }
    }
    return true;
  }

  /** @return whether the segment starting at {@code i} of {@code path} is {@code .} or {@code ..} */
  private static boolean dotSegmentAt(String path, int i) {
    int n = path.length();
    if (path.charAt(i) != '.') {
      return false;
    }
    int after = i + 1 < n && path.charAt(i + 1) == '.' ? i + 2 : i + 1;
    return after == n || path.charAt(after) == '/';
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
