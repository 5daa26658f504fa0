package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code If-Match} and {@code If-None-Match: *} of a write (RFC 9110 §13.1). ETags are the
 * document version in quotes, {@code "4"}; a weak {@code W/"4"} compares the same.
 *
 * @param ifMatch      the version required, {@link #ANY} for {@code If-Match: *}, {@code null} when absent
 * @param ifNoneMatchAny whether {@code If-None-Match: *} was sent (create only)
 */
record Preconditions(Long ifMatch, boolean ifNoneMatchAny) {

  static final long ANY = -1;
  static final Preconditions NONE = new Preconditions(null, false);

  /** @throws ApiFailure 400 on an If-Match that is no ETag of ours (it could never match) */
  static Preconditions of(HttpServerRequest request) {
    String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    boolean noneMatchAny = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
    if (ifMatch == null) {
      return new Preconditions(null, noneMatchAny);
    }
    String tag = ifMatch.trim();
    if (tag.equals("*")) {
      return new Preconditions(ANY, noneMatchAny);
    }
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    try {
      if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
        throw new NumberFormatException(tag);
      }
      return new Preconditions(Long.parseLong(tag.substring(1, tag.length() - 1)), noneMatchAny);
    } catch (NumberFormatException e) {
      throw ApiFailure.badRequest("If-Match must be an ETag this API sent, such as \"3\"");
    }
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** @throws ApiFailure 412 when the stored state ({@code null}: absent) fails a condition */
  void check(KvEntry current) {
    if (ifNoneMatchAny && current != null) {
      throw ApiFailure.preconditionFailed("If-None-Match: * but the resource exists (version " + current.version() + ")");
    }
    if (ifMatch == null) {
      return;
    }
    if (current == null) {
      throw ApiFailure.preconditionFailed("If-Match but the resource does not exist");
    }
    if (ifMatch != ANY && ifMatch != current.version()) {
      throw ApiFailure.preconditionFailed("If-Match " + etag(ifMatch) + " but the version is " + etag(current.version()));
    }
  }

  /** @return whether a lost compare-and-set may be retried: only when the client pinned no version */
  boolean retryable() {
    return ifMatch == null || ifMatch == ANY;
  }

  /**
   * @return the version to compare-and-set against {@code current}: ABSENT to create; a present
   *     document without a version (written directly by a platform) can only be overwritten with ANY
   */
  static long expected(KvEntry current) {
    if (current == null) {
      return KvStore.ABSENT;
    }
    return current.version() == 0 ? KvStore.ANY_VERSION : current.version();
  }
}
