package io.edgeroute.router;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * The plain strategy: streams one visitor request to its origin and the answer back (SPEC §4), on
 * the router's own origin connections ({@link OriginCall}). Bodies flow with back-pressure both
 * ways: the router buffers at most a write queue, never a body. The visitor's request must arrive
 * paused.
 */
final class OriginExchange implements ExchangeStrategy {

  /** RFC 9110 §9.2.1: methods that change nothing, so sending one twice does no harm. */
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final OriginClient client;
  /** Told of each origin answer before it is relayed (the response cache's invalidation), or {@code null}. */
  private final ObjIntConsumer<Exchange> answered;

  /**
   * @param client   the router instance's origin client
   * @param answered told of the exchange and the origin's status once the head is in, before anything
   *     of it reaches the visitor; {@code null} for nobody
   */
  OriginExchange(OriginClient client, ObjIntConsumer<Exchange> answered) {
    this.client = client;
    this.answered = answered;
  }

  /**
   * @return a future completed when the response has been relayed, failed with what went wrong;
   *     the caller maps the failure, if the head is not yet written
   */
  @Override
  public Future<Void> run(Exchange exchange) {
    HttpServerRequest request = exchange.request;
    boolean replayable = SAFE.contains(request.method()) && OriginHeaders.bodiless(request)
        && request.getHeader(HttpHeaders.EXPECT) == null;
    if (replayable) {
      // Nothing to stream: the (empty) body is taken now, so a second attempt has nothing to wait for.
      request.resume();
    }
    // A safe request without a body that the origin hung up on unanswered is sent once more on
    // another connection (ProxyFailure#closedUnanswered): the keep-alive race, as nginx and Go do.
    return attempt(exchange, replayable)
        .recover(t -> replayable && ProxyFailure.closedUnanswered(t) ? attempt(exchange, true) : Future.failedFuture(t))
        .compose(answer -> {
          if (answered != null) {
            answered.accept(exchange, answer.head().status());
          }
          return VisitorResponse.relay(exchange, answer.call(), answer.head());
        });
  }

  /** An origin exchange and its answer's head. */
  private record Answer(OriginCall call, OriginAnswer head) {
  }

  private Future<Answer> attempt(Exchange exchange, boolean bodiless) {
    return client.call(exchange, exchange.request.method())
        .compose(call -> exchange(exchange, call, bodiless).map(head -> new Answer(call, head)));
  }

  /** @return the origin's answer's head */
  private static Future<OriginAnswer> exchange(Exchange exchange, OriginCall call, boolean bodiless) {
    HttpServerRequest request = exchange.request;
    ProxyPlan plan = exchange.plan();
    HeadersMultiMap fields = OriginHeaders.fields(request.headers(), exchange);
    if (OriginHeaders.frame(request, fields)) {
      fields.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    io.netty.handler.codec.http.HttpMethod method = request.method().toNetty();
    String uri = plan.target().uri();
    HttpServerResponse response = request.response();
    // A visitor who goes away releases the origin connection instead of leaving it streaming.
    response.closeHandler(v -> call.reset(new HttpClosedException("the visitor went away")));
    FirstByteTimeout<OriginAnswer> firstByte = new FirstByteTimeout<>(call.head(),
        () -> call.reset(new HttpClosedException("the origin did not answer in time")), plan.options().getFirstByteTimeout());
    // 103 is passed on (SPEC §4a); 100 is handled below; other 1xx never get this far (OriginGuard).
    call.earlyHintsHandler(hints -> VisitorResponse.earlyHints(response, hints));
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // The origin decides: its 100 is relayed and only then is the body read from the visitor;
      // a final answer instead (417, 401...) is relayed without reading the body at all. An origin
      // that says nothing within router.continueTimeout gets the body anyway (RFC 9110 §10.1.1).
      fields.set(HttpHeaders.EXPECT, "100-continue");
      Vertx vertx = Vertx.currentContext().owner();
      boolean[] continued = {false};
      Handler<Void> proceed = v -> {
        if (continued[0] || firstByte.head().isComplete()) {
          return;
        }
        continued[0] = true;
        firstByte.stop();
        response.writeContinue().onSuccess(x -> sendBody(request, call, firstByte));
      };
      call.continueHandler(proceed);
      long wait = Math.max(1, plan.options().getContinueTimeout().toMillis());
      long timer = vertx.setTimer(wait, id -> proceed.handle(null));
      firstByte.head().onComplete(x -> vertx.cancelTimer(timer));
      call.send(new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, method, uri, fields), false);
      firstByte.start();
    } else if (bodiless) {
      call.send(new DefaultFullHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, method, uri,
          Unpooled.EMPTY_BUFFER, fields, EmptyHttpHeaders.INSTANCE), true);
      firstByte.start();
    } else {
      call.send(new DefaultHttpRequest(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, method, uri, fields), false);
      sendBody(request, call, firstByte);
    }
    return firstByte.head().onSuccess(head -> exchange.record.originAnswered());
  }

  /**
   * Streams the visitor's body to the origin with back-pressure; the first-byte clock starts once
   * it is all sent. A visitor who breaks off an upload resets the exchange: the origin must never
   * see a short body as a complete one.
   */
  private static void sendBody(HttpServerRequest request, OriginCall call, FirstByteTimeout<OriginAnswer> firstByte) {
    request.handler(chunk -> {
      call.write(chunk);
      if (call.writeQueueFull()) {
        request.pause();
        call.drainHandler(v -> request.resume());
      }
    });
    request.exceptionHandler(call::reset);
    request.endHandler(v -> {
      call.end();
      firstByte.start();
    });
    request.resume();
  }
}
