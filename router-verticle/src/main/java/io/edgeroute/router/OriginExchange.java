package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import java.util.function.ObjIntConsumer;

/**
 * The plain strategy: streams one visitor request to its origin and the answer back (SPEC §4).
 * Bodies flow through {@code pipe()} both ways, so back-pressure holds: the router buffers at most a
 * write queue, never a body. The visitor's request must arrive paused.
 */
final class OriginExchange implements ExchangeStrategy {

  /** RFC 9110 §9.2.1: methods that change nothing, so sending one twice does no harm. */
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final OriginClient client;
  /** Told of each origin answer before it is relayed (the response cache's invalidation), or {@code null}. */
  private final ObjIntConsumer<Exchange> answered;

  /**
   * @param client   the router instance's origin client; each exchange takes its current agent
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
            answered.accept(exchange, answer.response().statusCode());
          }
          return VisitorResponse.relay(exchange, answer.request(), answer.response());
        });
  }

  /** An origin request and its response head. */
  private record Answer(HttpClientRequest request, HttpClientResponse response) {
  }

  private Future<Answer> attempt(Exchange exchange, boolean bodiless) {
    return OriginClient.open(client.current(), exchange, exchange.request.method())
        .compose(originRequest -> exchange(exchange, originRequest, bodiless)
            .map(response -> new Answer(originRequest, response)));
  }

  /** @return the origin's response head */
  private static Future<HttpClientResponse> exchange(Exchange exchange, HttpClientRequest originRequest,
                                                     boolean bodiless) {
    HttpServerRequest request = exchange.request;
    ProxyPlan plan = exchange.plan();
    OriginHeaders.forward(request.headers(), originRequest, exchange, false);
    OriginHeaders.frame(request, originRequest);
    HttpServerResponse response = request.response();
    // A visitor who goes away releases the origin connection instead of leaving it streaming.
    response.closeHandler(v -> originRequest.reset());
    FirstByteTimeout firstByte = new FirstByteTimeout(originRequest,
        plan.options().getFirstByteTimeout());
    // 103 is passed on (SPEC §4a); 100 is handled below; other 1xx never get this far (OriginInterim).
    originRequest.earlyHintsHandler(hints -> VisitorResponse.earlyHints(response, hints));
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      // The origin decides: its 100 is relayed and only then is the body read from the visitor;
      // a final answer instead (417, 401...) is relayed without reading the body at all. An origin
      // that says nothing within router.continueTimeout gets the body anyway (RFC 9110 §10.1.1).
      originRequest.putHeader(HttpHeaders.EXPECT, "100-continue");
      Vertx vertx = Vertx.currentContext().owner();
      boolean[] continued = {false};
      Handler<Void> proceed = v -> {
        if (continued[0] || firstByte.head().isComplete()) {
          return;
        }
        continued[0] = true;
        firstByte.stop();
        response.writeContinue().onSuccess(x -> sendBody(request, originRequest, firstByte));
      };
      originRequest.continueHandler(proceed);
      long wait = Math.max(1, plan.options().getContinueTimeout().toMillis());
      long timer = vertx.setTimer(wait, id -> proceed.handle(null));
      firstByte.head().onComplete(x -> vertx.cancelTimer(timer));
      originRequest.sendHead().onSuccess(v -> firstByte.start());
    } else if (bodiless) {
      originRequest.end().onSuccess(v -> firstByte.start());
    } else {
      sendBody(request, originRequest, firstByte);
    }
    return firstByte.head().onSuccess(head -> exchange.record.originAnswered());
  }

  /** Streams the visitor's body to the origin; the first-byte clock starts once it is all sent. */
  private static void sendBody(HttpServerRequest request, HttpClientRequest originRequest, FirstByteTimeout firstByte) {
    // endOnFailure(false): a visitor who breaks off an upload must not look like a complete body.
    request.pipe().endOnFailure(false).to(originRequest)
        .onSuccess(v -> firstByte.start())
        .onFailure(t -> originRequest.reset(0, t));
  }
}
