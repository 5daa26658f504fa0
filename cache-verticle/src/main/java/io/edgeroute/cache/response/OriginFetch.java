package io.edgeroute.cache.response;

import io.vertx.core.Future;

/**
 * The one thing the cache needs from the router: send a request to the site's origin. The router
 * implements it with its proxy client (origin selection, rewrite, forwarded headers); tests with a
 * plain {@code HttpClient} to a loopback origin.
 */
@FunctionalInterface
public interface OriginFetch {

  /**
   * @param request what to fetch; for a cache fill the visitor's conditional and range headers are
   *                already removed, so the origin answers with the whole representation
   * @return completes with the origin's status, headers and a paused-or-unread body stream once the
   *     header section arrived; fails when the origin refused, broke or timed out
   */
  Future<OriginResponse> fetch(CacheRequest request);
}
