package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * Evaluates a visitor's {@code If-None-Match} / {@code If-Modified-Since} against a stored
 * response (RFC 9110 §13.1.2, §13.1.3, §13.2.2), so a hit can be answered with 304.
 */
public final class Conditional {

  private Conditional() {
  }

  /**
   * @return whether a GET or HEAD with these headers may be answered 304 Not Modified from the
   *     stored response: If-None-Match by weak comparison when present (then If-Modified-Since is
   *     ignored), else If-Modified-Since against Last-Modified (or Date when there is none)
   */
  public static boolean notModified(MultiMap request, CachedResponse stored) {
    if (stored.status() != 200) {
      // Only a 200 has a representation a 304 can stand for.
      return false;
    }
    String ifNoneMatch = request.get(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      String etag = stored.headers().get("ETag");
      if (ifNoneMatch.trim().equals("*")) {
        return true;
      }
      if (etag == null) {
        return false;
      }
      String opaque = opaque(etag);
      for (String candidate : request.getAll(HttpHeaders.IF_NONE_MATCH)) {
        for (String tag : candidate.split(",")) {
          if (opaque(tag).equals(opaque)) {
            return true;
          }
        }
      }
      return false;
    }
    long since = HttpDates.parse(request.get(HttpHeaders.IF_MODIFIED_SINCE));
    if (since < 0) {
      return false;
    }
    long lastModified = HttpDates.parse(stored.headers().get("Last-Modified"));
    if (lastModified < 0) {
      // RFC 9111 §4.3.2: without Last-Modified, the Date of the stored response, else when it was stored.
      lastModified = HttpDates.parse(stored.headers().get("Date"));
    }
    if (lastModified < 0) {
      lastModified = stored.freshness().responseTime() / 1000 * 1000;
    }
    return lastModified <= since;
  }

  /** Weak comparison: {@code W/"x"} and {@code "x"} match. */
  private static String opaque(String etag) {
    String t = etag.trim();
    return t.startsWith("W/") ? t.substring(2) : t;
  }
}
