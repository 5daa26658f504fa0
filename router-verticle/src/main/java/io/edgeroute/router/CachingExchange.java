package io.edgeroute.router;

import io.edgeroute.cache.response.CacheRequest;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.cache.response.ServedResponse;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The caching strategy: the response cache in front of the origin (SPEC §6) for GET and HEAD on a
 * site with {@code cache.enabled}: a hit is answered from memory, a miss streams the origin's answer
 * to the visitor while the cache keeps a copy. Everything else goes through another strategy.
 */
final class CachingExchange implements ExchangeStrategy {

  /** RFC 9110 §9.2.1: methods that change nothing, so they invalidate nothing. */
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.TRACE);

  private final ResponseCache cache;
  private final OriginClient client;

  /**
   * @param cache  the node's response cache, shared by every router instance
   * @param client the router instance's origin client
   */
  CachingExchange(ResponseCache cache, OriginClient client) {
    this.cache = cache;
    this.client = client;
  }

  /**
   * @return whether the planned exchange (not a WebSocket upgrade: the caller tells those apart
   *     first) is the cache's business; bodies never are
   */
  static boolean applies(Exchange exchange) {
    HttpMethod method = exchange.request.method();
    Site site = exchange.plan().site();
    return site != null && site.cache().enabled() && (method == HttpMethod.GET || method == HttpMethod.HEAD);
  }

  /**
   * An unsafe request on a cached site got its origin's answer: a 2xx or 3xx invalidates what this
   * node stored for the same URI (RFC 9111 §4.4), before the visitor sees the answer, so the visitor
   * who changed it (and whoever asks after that) gets the change, never the stored copy.
   */
  void originAnswered(Exchange exchange, int status) {
    HttpServerRequest request = exchange.request;
    Site site = exchange.plan().site();
    HttpMethod method = request.method();
    if (site == null || !site.cache().enabled() || SAFE.contains(method) || status < 200 || status >= 400) {
      return;
    }
    cache.invalidate(new CacheRequest(method.name(), exchange.scheme, exchange.host.host(), request.path(),
        request.query(), request.headers(), site));
  }

  /**
   * @return completes when the answer has been sent; fails, before anything is written, with the
   *     origin's failure when there was no stale entry to fall back on (the caller maps it)
   */
  @Override
  public Future<Void> run(Exchange exchange) {
    HttpServerRequest request = exchange.request;
    // A GET or HEAD body means nothing to the cache and is not forwarded: let it drain.
    request.resume();
    List<OriginCall> mine = new ArrayList<>();
    // A visitor who goes away releases the origin connection its own fetch holds; a background
    // refresh it started is not its to cancel.
    request.response().closeHandler(v -> reset(mine));
    CacheOriginFetch own = new CacheOriginFetch(client, exchange, mine::add);
    CacheOriginFetch refresher = new CacheOriginFetch(client, exchange, null);
    CacheRequest cacheRequest = new CacheRequest(request.method().name(), exchange.scheme, exchange.host.host(),
        request.path(), request.query(), request.headers(), exchange.plan().site());
    return cache.serve(cacheRequest, own, refresher).compose(served -> send(exchange, served, mine));
  }

  private static void reset(List<OriginCall> calls) {
    calls.forEach(call -> call.reset(new HttpClosedException("the visitor went away")));
  }

  private static Future<Void> send(Exchange exchange, ServedResponse served, List<OriginCall> originCalls) {
    HttpServerResponse response = VisitorResponse.head(exchange, served.status(), served::copyHeadersTo);
    if (!served.isStreaming()) {
      // A hit: the stored body (empty for HEAD and 304, whose Content-Length, if any, is the GET's).
      return response.end(served.body());
    }
    return VisitorResponse.streamBody(exchange.request, served.stream(),
        () -> reset(originCalls));
  }
}
