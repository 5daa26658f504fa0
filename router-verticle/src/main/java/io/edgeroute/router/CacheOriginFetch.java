package io.edgeroute.router;

import io.edgeroute.cache.response.CacheRequest;
import io.edgeroute.cache.response.OriginFetch;
import io.edgeroute.cache.response.OriginResponse;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;

/**
 * The response cache's way to the origin of one planned request: the same target, retry, timeouts
 * ({@link FirstByteTimeout}, then the idle timeout) and forwarding headers as {@link OriginExchange},
 * but the headers are the ones the cache chose (conditionals removed for a fill) and there is never
 * a request body (only GET and HEAD get here).
 * Call {@link #fetch} on the visitor's event loop: the origin's body is paused in the same turn
 * its header section arrives.
 */
final class CacheOriginFetch implements OriginFetch {

  private final HttpClientAgent client;
  private final Exchange exchange;
  private final Handler<HttpClientRequest> opened;

  /**
   * @param opened told of each origin request this fetch opens (the visitor's exchange resets it
   *               if the visitor leaves), or {@code null}
   */
  CacheOriginFetch(HttpClientAgent client, Exchange exchange, Handler<HttpClientRequest> opened) {
    this.client = client;
    this.exchange = exchange;
    this.opened = opened;
  }

  /**
   * @return the origin's response head; a GET or HEAD the origin hung up on unanswered is sent once
   *     more on another connection ({@link ProxyFailure#closedUnanswered}), as the plain path does
   */
  @Override
  public Future<OriginResponse> fetch(CacheRequest request) {
    return attempt(request).recover(t -> ProxyFailure.closedUnanswered(t) ? attempt(request) : Future.failedFuture(t));
  }

  private Future<OriginResponse> attempt(CacheRequest request) {
    ProxyPlan plan = exchange.plan();
    // GET and HEAD are idempotent: one more try when no connection could be made.
    return OriginClient.open(client, exchange, HttpMethod.valueOf(request.method()))
        .compose(originRequest -> {
          if (opened != null) {
            opened.handle(originRequest);
            // The visitor's own fetch: its early hints go to that visitor (SPEC §4a), never into the
            // cache; a background refresh has nobody waiting to read them.
            originRequest.earlyHintsHandler(hints -> VisitorResponse.earlyHints(exchange.request.response(), hints));
          }
          OriginHeaders.forward(request.headers(), originRequest, exchange, false);
          originRequest.headers().remove(HttpHeaders.CONTENT_LENGTH);
          FirstByteTimeout<HttpClientResponse> firstByte = FirstByteTimeout.of(originRequest,
              plan.options().getFirstByteTimeout());
          // No body: the clock runs from the moment the request is out.
          originRequest.end().onSuccess(v -> firstByte.start());
          // The body is paused in the same turn the head arrives, before any of it can be delivered.
          // A stall mid-body is the connection idle timeout's (see VisitorResponse#relay).
          return firstByte.head().onSuccess(head -> exchange.record.originAnswered()).map(response ->
              new OriginResponse(response.statusCode(), response.headers(), response.pause()));
        });
  }
}
