package io.edgeroute.cache.response;

/**
 * What {@link ResponseCache#lookup} decided for a request.
 *
 * @param kind        what to do
 * @param served      for {@link Kind#HIT} and {@link Kind#STALE}: the response to send as is
 * @param fill        for {@link Kind#MISS}: fetch {@link CacheFill#originRequest()}, then hand the
 *                    result to {@link CacheFill#admit} or the failure to {@link CacheFill#failed}
 * @param cacheStatus for {@link Kind#BYPASS}: the {@code Cache-Status} to add to the origin's
 *                    response, or {@code null} when the site does not use the cache at all
 */
public record CacheDecision(Kind kind, ServedResponse served, CacheFill fill, String cacheStatus) {

  public enum Kind {
    /** Fresh entry: send {@link #served()} (a 304 when the visitor's conditional matched). */
    HIT,
    /** Stale entry within {@code stale-while-revalidate}: send it; one background request refreshes it. */
    STALE,
    /** Go to the origin through {@link #fill()}, which stores the response if it may. */
    MISS,
    /** The cache does not take part: proxy as usual, adding {@link #cacheStatus()} if not null. */
    BYPASS
  }

  static CacheDecision hit(ServedResponse served) {
    return new CacheDecision(Kind.HIT, served, null, null);
  }

  static CacheDecision stale(ServedResponse served) {
    return new CacheDecision(Kind.STALE, served, null, null);
  }

  static CacheDecision miss(CacheFill fill) {
    return new CacheDecision(Kind.MISS, null, fill, null);
  }

  static CacheDecision bypass(String cacheStatus) {
    return new CacheDecision(Kind.BYPASS, null, null, cacheStatus);
  }
}
