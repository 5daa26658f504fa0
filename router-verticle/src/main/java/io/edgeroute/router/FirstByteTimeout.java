package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.edgeroute.router.loop.LoopTimeouts;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@code router.firstByteTimeout}: how long the origin may take to start answering, counted only
 * while the router is waiting on it: from the moment the request has been sent whole, or while an
 * {@code Expect: 100-continue} request waits for its 100 (Go's {@code ResponseHeaderTimeout}, Caddy's
 * {@code response_header_timeout}). Vert.x's request idle timeout counts from the start of the
 * request and only notices received bytes, so it would cut off any upload longer than the timeout.
 * While the body is being sent, a stuck origin is caught by the connection idle timeout instead.
 * Use from the request's event loop only.
 */
final class FirstByteTimeout extends LoopTimeouts.Timeout {

  private final LoopTimeouts timeouts;
  private final HttpClientRequest request;
  private final long millis;
  private final Promise<HttpClientResponse> head = Promise.promise();

  /**
   * Call on the request's event loop.
   *
   * @param timeout zero for none
   */
  FirstByteTimeout(HttpClientRequest request, Duration timeout) {
    this.timeouts = LoopTimeouts.of(((ContextInternal) Vertx.currentContext()).nettyEventLoop());
    this.request = request;
    this.millis = timeout.toMillis();
    request.response().onComplete(answer -> {
      stop();
      head.tryComplete(answer);
    }, failure -> {
      stop();
      head.tryFail(failure);
    });
  }

  /**
   * @return the origin's response head, or a failure: a {@link TimeoutException} when the clock ran
   *     out (the origin request is then reset, which closes its connection)
   */
  Future<HttpClientResponse> head() {
    return head.future();
  }

  /** Starts (or restarts) the clock, unless the head is already here. */
  void start() {
    if (head.future().isComplete() || millis <= 0) {
      return;
    }
    timeouts.start(this, millis);
  }

  @Override
  protected void expired() {
    if (head.tryFail(new TimeoutException("no response head within " + millis + " ms"))) {
      request.reset();
    }
  }
}
