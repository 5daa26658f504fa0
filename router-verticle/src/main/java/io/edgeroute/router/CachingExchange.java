package io.edgeroute.router;

import io.edgeroute.cache.response.CacheRequest;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.cache.response.ServedResponse;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The response cache in front of the origin (SPEC §6) for GET and HEAD on a site with
 * {@code cache.enabled}: a hit is answered from memory, a miss streams the origin's answer to the
 * visitor while the cache keeps a copy. Everything else goes through {@link OriginExchange}.
 */
final class CachingExchange {

  /** RFC 9110 §9.2.1: methods that change nothing, so they invalidate nothing. */
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.TRACE);

  private final ResponseCache cache;

  /** @param cache the node's response cache, shared by every router instance */
  CachingExchange(ResponseCache cache) {
    this.cache = cache;
  }

  /** @return whether the request is the cache's business; WebSocket upgrades and bodies never are */
  static boolean applies(HttpServerRequest request, Site site) {
    HttpMethod method = request.method();
    return site != null && site.cache().enabled() && (method == HttpMethod.GET || method == HttpMethod.HEAD)
        && !HopByHopHeaders.isWebSocketUpgrade(request.headers());
  }

  /**
   * After an unsafe request on a cached site was relayed: a 2xx or 3xx answer invalidates what this
   * node stored for the same URI (RFC 9111 §4.4), so the visitor who changed it sees the change.
   *
   * @param host the visitor's normalised host
   */
  void afterRelay(HttpServerRequest request, String host, ProxyPlan plan) {
    HttpMethod method = request.method();
    int status = request.response().getStatusCode();
    if (plan.site() == null || !plan.site().cache().enabled() || SAFE.contains(method) || status < 200
        || status >= 400) {
      return;
    }
    cache.invalidate(new CacheRequest(method.name(), OriginExchange.scheme(request), host, request.path(),
        request.query(), request.headers(), plan.site()));
  }

  /**
   * @param host the visitor's normalised host
   * @return completes when the answer has been sent; fails, before anything is written, with the
   *     origin's failure when there was no stale entry to fall back on (the caller maps it)
   */
  Future<Void> run(HttpClientAgent client, HttpServerRequest request, String host, ProxyPlan plan) {
    // A GET or HEAD body means nothing to the cache and is not forwarded: let it drain.
    request.resume();
    String scheme = OriginExchange.scheme(request);
    String visitorHost = OriginExchange.visitorHost(request);
    String peer = OriginExchange.peerAddress(request);
    List<HttpClientRequest> mine = new ArrayList<>();
    // A visitor who goes away releases the origin connection its own fetch holds; a background
    // refresh it started is not its to cancel.
    request.response().closeHandler(v -> mine.forEach(HttpClientRequest::reset));
    CacheOriginFetch own = new CacheOriginFetch(client, plan, peer, scheme, visitorHost, mine::add);
    CacheOriginFetch refresher = new CacheOriginFetch(client, plan, peer, scheme, visitorHost, null);
    CacheRequest cacheRequest = new CacheRequest(request.method().name(), scheme, host, request.path(),
        request.query(), request.headers(), plan.site());
    return cache.serve(cacheRequest, own, refresher).compose(served -> send(request, served, plan, mine));
  }

  private static Future<Void> send(HttpServerRequest request, ServedResponse served, ProxyPlan plan,
                                   List<HttpClientRequest> originRequests) {
    HttpServerResponse response = VisitorResponse.head(request, served.status(), served.headers(), plan);
    if (!served.isStreaming()) {
      // A hit: the stored body (empty for HEAD and 304, whose Content-Length, if any, is the GET's).
      return response.end(served.body());
    }
    return VisitorResponse.streamBody(request, served.stream(), () -> originRequests.forEach(HttpClientRequest::reset));
  }
}
