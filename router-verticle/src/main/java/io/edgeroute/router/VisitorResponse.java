package io.edgeroute.router;

import io.edgeroute.shared.http.HeaderFields;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * Writes an origin's answer, fresh ({@link OriginExchange}, a refused {@link WebSocketTunnel}) or
 * from the response cache ({@link CachingExchange}), to the visitor: one head rule and one body rule
 * for all of them.
 */
final class VisitorResponse {

  private VisitorResponse() {
  }

  /**
   * Relays the origin's response head and body to the visitor. An origin that stalls mid-body is
   * cut off by the origin client's connection idle timeout ({@code router.idleTimeout}), not by a
   * request idle timeout: vert.x 5.0 never cancels a request's idle timer once the response has
   * ended, so one set here would keep every finished exchange in memory for the whole timeout.
   *
   * @return completes when the body is sent
   */
  static Future<Void> relay(Exchange exchange, HttpClientRequest originRequest, HttpClientResponse originResponse) {
    MultiMap fields = originResponse.headers();
    HttpServerResponse response = head(exchange, originResponse.statusCode(), out -> HeaderFields.copy(fields, out));
    String reason = originResponse.statusMessage();
    if (reason != null && !reason.equals(HttpResponseStatus.valueOf(originResponse.statusCode()).reasonPhrase())) {
      // Only a phrase of the origin's own: vert.x builds a new status object for each one set.
      response.setStatusMessage(reason);
    }
    return streamBody(exchange.request, originResponse, originRequest::reset);
  }

  /**
   * Relays an answer from the router's own origin connections ({@link OriginExchange}): its head,
   * then its body with back-pressure. Cut off as {@link #relay(Exchange, HttpClientRequest,
   * HttpClientResponse)} says.
   *
   * @return completes when the body is sent
   */
  static Future<Void> relay(Exchange exchange, OriginCall call, OriginAnswer answer) {
    HttpServerResponse response = head(exchange, answer.status(), answer::copyHeadersTo);
    String reason = answer.reason();
    if (reason != null && !reason.equals(HttpResponseStatus.valueOf(answer.status()).reasonPhrase())) {
      response.setStatusMessage(reason);
    }
    frame(exchange.request, response);
    VisitorBody body = new VisitorBody(response, call);
    call.relay(body);
    return body.sent.future();
  }

  /** Takes an origin's body chunk by chunk to the visitor, pausing the origin while the visitor's queue is full. */
  private static final class VisitorBody implements OriginCall.Body {
    private final HttpServerResponse response;
    private final GiveBackAfterWrite out;
    private final OriginCall call;
    private final Promise<Void> sent = Promise.promise();

    VisitorBody(HttpServerResponse response, OriginCall call) {
      this.response = response;
      this.out = new GiveBackAfterWrite(response);
      this.call = call;
    }

    @Override
    public void chunk(Buffer chunk) {
      out.write(chunk);
      if (response.writeQueueFull()) {
        call.pause();
        response.drainHandler(v -> call.resume());
      }
    }

    @Override
    public void end(Buffer last) {
      // The last chunk and the end in one write: a short answer goes out in one call to Vert.x.
      (last == null ? response.end() : out.end(last)).onComplete(sent);
    }

    @Override
    public void broken(Throwable failure) {
      // The visitor must see a broken response, not a short complete one.
      response.reset();
      sent.tryFail(failure);
    }
  }

  /**
   * Sets the status and the answer's headers without hop-by-hop ones, then the site's own response
   * headers; nothing is sent yet.
   *
   * @param answerFields adds the answer's fields to the (empty) map it is given
   * @return the visitor's response
   */
  static HttpServerResponse head(Exchange exchange, int status, Consumer<MultiMap> answerFields) {
    ProxyPlan plan = exchange.plan();
    HttpServerResponse response = exchange.request.response();
    if (status != response.getStatusCode()) {
      // A new response is 200 until told otherwise; vert.x takes the connection's lock and looks
      // the status up for each one set: not for the common answer.
      response.setStatusCode(status);
    }
    MultiMap out = response.headers();
    answerFields.accept(out);
    HopByHopHeaders.strip(out, false);
    plan.rewrite().rewriteLocations(out, plan.target().authority(), plan.target().hostHeader());
    plan.decorate(response, exchange.requestId());
    return response;
  }

  /**
   * Passes an origin's {@code 103 Early Hints} on to the visitor (SPEC §4a), without hop-by-hop
   * headers; dropped once the visitor's answer has begun or the visitor is gone, when hints can no
   * longer come first.
   */
  static void earlyHints(HttpServerResponse response, MultiMap hints) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    HopByHopHeaders.strip(hints, false);
    response.writeEarlyHints(hints);
  }

  /**
   * Streams {@code body} to the visitor with back-pressure, chunked when the answer has a body of
   * unannounced length. Each chunk goes back to its pool once written ({@link GiveBackAfterWrite}).
   *
   * @param onBroken run when the stream fails midway, before the visitor's response is reset: the
   *     visitor must see a broken response, not a short complete one
   * @return completes when the body is sent
   */
  static Future<Void> streamBody(HttpServerRequest request, ReadStream<Buffer> body, Runnable onBroken) {
    HttpServerResponse response = request.response();
    frame(request, response);
    return body.pipe().endOnFailure(false).to(new GiveBackAfterWrite(response))
        .onFailure(t -> {
          onBroken.run();
          response.reset();
        });
  }

  /** Chunked when the answer has a body of unannounced length. */
  private static void frame(HttpServerRequest request, HttpServerResponse response) {
    int status = response.getStatusCode();
    boolean bodyless = request.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
    if (!bodyless && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
  }
}
