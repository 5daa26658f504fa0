package io.edgeroute.cache.response;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.util.Set;

/** Builds the visitor's response from a stored variant: {@code Age}, {@code Cache-Status}, 304, HEAD. */
final class HitResponse {

  /** Added to every hit, looked up on every hit: hashed once. */
  static final AsciiString AGE = AsciiString.cached("Age");
  private static final AsciiString RANGE = AsciiString.cached("Range");

  /** Fields a 304 carries (RFC 9110 §15.4.5) plus this cache's own. */
  private static final Set<String> NOT_MODIFIED_FIELDS = Set.of("cache-control", "content-location", "date", "etag",
      "expires", "vary", "last-modified", "age", "cache-status");

  private HitResponse() {
  }

  /**
   * @param cacheStatus this cache's {@code Cache-Status} member for the response
   * @return the stored response as the visitor gets it: 304 when its conditional matched, no body for HEAD
   */
  static ServedResponse of(CacheRequest request, CachedResponse stored, long now, String cacheStatus) {
    String age = Long.toString(stored.freshness().ageSeconds(now));
    String status = CacheStatus.append(stored.headers().get(CacheStatus.HEADER), cacheStatus);
    if (Conditional.notModified(request.headers(), stored)) {
      MultiMap notModified = MultiMap.caseInsensitiveMultiMap();
      stored.headers().forEach(h -> {
        if (NOT_MODIFIED_FIELDS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
          notModified.add(h.getKey(), h.getValue());
        }
      });
      return new ServedResponse(304, notModified, age, status, Buffer.buffer(), null);
    }
    if (stored.status() == 200 && request.headers().contains(RANGE)) {
      ByteRange range = ByteRange.of(request.headers(), stored.headers(), stored.body().length());
      if (range != null) {
        return partial(request, stored, range, age, status);
      }
    }
    // The stored fields as they are, shared by every hit; Age and Cache-Status go beside them.
    return new ServedResponse(stored.status(), stored.headers(), age, status,
        request.isHead() ? Buffer.buffer() : stored.body(), null);
  }

  /** A 206 with the one range, or a 416 when it lies past the end (RFC 9110 §15.3.7, §15.5.17). */
  private static ServedResponse partial(CacheRequest request, CachedResponse stored, ByteRange range, String age,
                                        String cacheStatus) {
    int length = stored.body().length();
    MultiMap headers = stored.headers().copy(true);
    if (!range.satisfiable()) {
      headers.set("Content-Range", "bytes */" + length);
      headers.set("Content-Length", "0");
      return new ServedResponse(416, headers, age, cacheStatus, Buffer.buffer(), null);
    }
    headers.set("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
    headers.set("Content-Length", Long.toString(range.last() - range.first() + 1));
    Buffer body = request.isHead() ? Buffer.buffer()
        : stored.body().slice((int) range.first(), (int) range.last() + 1);
    return new ServedResponse(206, headers, age, cacheStatus, body, null);
  }
}
