package io.edgeroute.router;

import io.edgeroute.cache.response.CacheRequest;
import io.edgeroute.cache.response.OriginFetch;
import io.edgeroute.cache.response.OriginResponse;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.headers.HeadersMultiMap;

/**
 * The response cache's way to the origin of one planned request: the same target, retry, timeouts
 * ({@link FirstByteTimeout}, then the idle timeout) and forwarding headers as {@link OriginExchange},
 * but the headers are the ones the cache chose (conditionals removed for a fill) and there is never
 * a request body (only GET and HEAD get here).
 * Call {@link #fetch} on the visitor's event loop: the origin's body is paused in the same turn
 * its header section arrives.
 */
final class CacheOriginFetch implements OriginFetch {

  private final OriginClient client;
  private final Exchange exchange;
  private final Handler<OriginCall> opened;

  /**
   * @param opened told of each origin exchange this fetch opens (the visitor's exchange resets it
   *               if the visitor leaves), or {@code null}
   */
  CacheOriginFetch(OriginClient client, Exchange exchange, Handler<OriginCall> opened) {
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
    return client.call(exchange, HttpMethod.valueOf(request.method()))
        .compose(call -> {
          if (opened != null) {
            opened.handle(call);
            // The visitor's own fetch: its early hints go to that visitor (SPEC §4a), never into the
            // cache; a background refresh has nobody waiting to read them.
            call.earlyHintsHandler(hints -> VisitorResponse.earlyHints(exchange.request.response(), hints));
          }
          HeadersMultiMap fields = OriginHeaders.fields(request.headers(), exchange);
          fields.remove(HttpHeaders.CONTENT_LENGTH);
          fields.remove(HttpHeaders.TRANSFER_ENCODING);
          FirstByteTimeout<OriginAnswer> firstByte = new FirstByteTimeout<>(call.head(),
              () -> call.reset(new HttpClosedException("the origin did not answer in time")),
              plan.options().getFirstByteTimeout());
          call.send(new DefaultFullHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
              io.netty.handler.codec.http.HttpMethod.valueOf(request.method()), plan.target().uri(),
              Unpooled.EMPTY_BUFFER, fields, EmptyHttpHeaders.INSTANCE), true);
          // No body: the clock runs from the moment the request is out.
          firstByte.start();
          // The body stays paused until the cache reads it. A stall mid-body is the connection idle
          // timeout's (see VisitorResponse#relay).
          return firstByte.head().onSuccess(head -> exchange.record.originAnswered()).map(head ->
              new OriginResponse(head.status(), head.headers(), new OriginBodyStream(call)));
        });
  }
}
