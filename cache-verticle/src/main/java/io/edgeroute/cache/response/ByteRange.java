package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Range} request answered from a stored full response (RFC 9110 §14): one byte range
 * ({@code bytes=0-99}, {@code bytes=-100}, {@code bytes=100-}) is a 206 with {@code Content-Range};
 * one that starts past the end is a 416; several ranges, another unit or a malformed header get
 * the whole 200, which RFC 9110 §14.2 always allows. {@code If-Range} (§13.1.5) must match the
 * stored strong {@code ETag}, or equal its {@code Last-Modified}, or the whole 200 is sent.
 *
 * @param first first byte offset, inclusive
 * @param last  last byte offset, inclusive; {@code first > last} means unsatisfiable
 */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("bytes[ \\t]*=[ \\t]*([0-9]*)[ \\t]*-[ \\t]*([0-9]*)[ \\t]*");

  /**
   * @return the range to serve from a body of {@code length} bytes, or {@code null} to serve all of it
   */
  static ByteRange of(MultiMap request, MultiMap stored, long length) {
    String range = request.get("Range");
    if (range == null || request.getAll("Range").size() > 1 || !ifRangeHolds(request.get("If-Range"), stored)) {
      return null;
    }
    Matcher m = SINGLE.matcher(range.trim());
    if (!m.matches() || m.group(1).length() > 18 || m.group(2).length() > 18) {
      return null;
    }
    String from = m.group(1);
    String to = m.group(2);
    if (from.isEmpty()) {
      if (to.isEmpty()) {
        return null;
      }
      long suffix = Long.parseLong(to);
      if (suffix == 0) {
        return new ByteRange(1, 0);
      }
      return new ByteRange(Math.max(0, length - suffix), length - 1);
    }
    long first = Long.parseLong(from);
    long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
    if (last < first) {
      // "bytes=5-2" is not a valid range-spec: the field is ignored.
      return null;
    }
    if (first >= length) {
      return new ByteRange(1, 0);
    }
    return new ByteRange(first, Math.min(last, length - 1));
  }

  boolean satisfiable() {
    return first <= last;
  }

  private static boolean ifRangeHolds(String ifRange, MultiMap stored) {
    if (ifRange == null) {
      return true;
    }
    String value = ifRange.trim();
    if (value.startsWith("\"")) {
      String etag = stored.get("ETag");
      // Strong comparison only: a weak ETag never matches an If-Range.
      return etag != null && !etag.trim().startsWith("W/") && etag.trim().equals(value);
    }
    String lastModified = stored.get("Last-Modified");
    long date = HttpDates.parse(value);
    return lastModified != null && date >= 0 && date == HttpDates.parse(lastModified);
  }
}
