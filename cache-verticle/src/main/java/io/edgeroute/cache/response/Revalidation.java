package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Revalidating a stale stored response (RFC 9111 §4.3): the validators a conditional request
 * carries (§4.3.1), and the stored response freshened by a {@code 304 Not Modified} (§4.3.4).
 */
final class Revalidation {

  /**
   * Fields a 304 does not replace: its framing describes no body, so the stored
   * {@code Content-Length} stays (the suite's "must not update Content-Length"), and hop-by-hop
   * fields were never stored.
   */
  private static final Set<String> KEPT = Set.of("content-length");

  private Revalidation() {
  }

  /**
   * @return the conditional headers for revalidating {@code stored}: {@code If-None-Match} with its
   *     {@code ETag}, {@code If-Modified-Since} with its {@code Last-Modified}; empty when it has no
   *     validator (then the request is an ordinary miss)
   */
  static MultiMap validators(CachedResponse stored) {
    MultiMap conditionals = MultiMap.caseInsensitiveMultiMap();
    if (stored.status() != 200 && stored.status() != 203) {
      // Only a full representation can be freshened by a 304.
      return conditionals;
    }
    String etag = stored.headers().get("ETag");
    if (etag != null) {
      conditionals.set("If-None-Match", etag);
    }
    String lastModified = stored.headers().get("Last-Modified");
    if (lastModified != null && HttpDates.parse(lastModified) >= 0) {
      conditionals.set("If-Modified-Since", lastModified);
    }
    return conditionals;
  }

  /**
   * RFC 9111 §4.3.4: every field of the 304 replaces the stored field of that name (all its
   * lines), except those in {@link #KEPT}; the rest of the stored header section stays.
   *
   * @return the stored header section freshened by the 304's
   */
  static MultiMap freshenedHeaders(MultiMap stored, MultiMap notModified) {
    MultiMap merged = MultiMap.caseInsensitiveMultiMap().addAll(stored);
    MultiMap fresh = CachedResponse.storedHeaders(notModified, -1);
    for (String name : fresh.names()) {
      if (!KEPT.contains(name.toLowerCase(Locale.ROOT))) {
        merged.remove(name);
      }
    }
    for (Map.Entry<String, String> field : fresh) {
      if (!KEPT.contains(field.getKey().toLowerCase(Locale.ROOT))) {
        merged.add(field.getKey(), field.getValue());
      }
    }
    return merged;
  }

  /**
   * RFC 9111 §4.3.4: a 304 whose strong {@code ETag} differs from the stored one is about another
   * representation, and must not freshen this one.
   */
  static boolean matches(CachedResponse stored, MultiMap notModified) {
    String etag = notModified.get("ETag");
    String storedEtag = stored.headers().get("ETag");
    if (etag == null || storedEtag == null) {
      return true;
    }
    return opaque(etag).equals(opaque(storedEtag));
  }

  private static String opaque(String etag) {
    String t = etag.trim();
    return t.startsWith("W/") ? t.substring(2) : t;
  }
}
