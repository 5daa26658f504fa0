package io.edgeroute.cache.response;

import io.netty.util.AsciiString;

/**
 * Values of the RFC 9211 {@code Cache-Status} member this cache adds. The member is appended to
 * any value the origin already sent, since the list runs from the origin towards the visitor.
 */
public final class CacheStatus {

  /** Header name; an {@code AsciiString}, so its hash is computed once for every response it is read from or added to. */
  public static final AsciiString HEADER = AsciiString.cached("Cache-Status");

  /** The cache's identifier in the list. */
  public static final String NAME = "edgeroute";

  private CacheStatus() {
  }

  /** @return {@code edgeroute; hit; ttl=N} for a fresh hit */
  public static String hit(long ttlSeconds) {
    return NAME + "; hit; ttl=" + ttlSeconds;
  }

  /**
   * A stale hit served under {@code stale-while-revalidate}: not forwarded for this request (a
   * background one refreshes it), so a hit with the negative ttl RFC 9211 allows.
   */
  public static String staleWhileRevalidate(long ttlSeconds) {
    return NAME + "; hit; ttl=" + ttlSeconds + "; detail=stale-while-revalidate";
  }

  /** Stale entry served because the origin failed: {@code fwd-status} absent when it gave no response. */
  public static String staleIfError(long ttlSeconds, int fwdStatus) {
    return NAME + "; fwd=stale" + (fwdStatus > 0 ? "; fwd-status=" + fwdStatus : "") + "; ttl=" + ttlSeconds
        + "; detail=stale-if-error";
  }

  /** A request answered from the response another request in flight fetched and stored. */
  public static String collapsed(long ttlSeconds) {
    return NAME + "; fwd=miss; collapsed; ttl=" + ttlSeconds;
  }

  /**
   * @param fwd    {@code miss} or {@code stale}
   * @param stored whether the response is being stored
   * @param detail why not stored, or {@code null}
   */
  public static String forwarded(String fwd, int fwdStatus, boolean stored, String detail) {
    StringBuilder value = new StringBuilder(NAME).append("; fwd=").append(fwd);
    if (fwdStatus > 0) {
      value.append("; fwd-status=").append(fwdStatus);
    }
    if (stored) {
      value.append("; stored");
    }
    if (detail != null) {
      value.append("; detail=").append(detail);
    }
    return value.toString();
  }

  /** @return {@code edgeroute; fwd=bypass}, with the reason as {@code detail} */
  public static String bypass(String detail) {
    return NAME + "; fwd=bypass" + (detail == null ? "" : "; detail=" + detail);
  }

  /** @return {@code existing} with this cache's member appended */
  static String append(String existing, String member) {
    return existing == null || existing.isBlank() ? member : existing + ", " + member;
  }
}
