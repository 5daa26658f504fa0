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
final class FirstByteTimeout<T> extends LoopTimeouts.Timeout {

  private final LoopTimeouts timeouts;
  private final Runnable reset;
  private final long millis;
  private final Promise<T> head = Promise.promise();

  /**
   * Call on the request's event loop.
   *
   * @param answer the origin's response head as the client will deliver it
   * @param reset  gives up on the request (and closes its connection) when the clock runs out
   * @param timeout zero for none
   */
  FirstByteTimeout(Future<T> answer, Runnable reset, Duration timeout) {
    this.timeouts = LoopTimeouts.of(((ContextInternal) Vertx.currentContext()).nettyEventLoop());
    this.reset = reset;
    this.millis = timeout.toMillis();
    answer.onComplete(response -> {
      stop();
      head.tryComplete(response);
    }, failure -> {
      stop();
      head.tryFail(failure);
    });
  }

  /** The clock of a request through Vert.x's HTTP client. */
  static FirstByteTimeout<HttpClientResponse> of(HttpClientRequest request, Duration timeout) {
    return new FirstByteTimeout<>(request.response(), () -> request.reset(), timeout);
  }

  /**
   * @return the origin's response head, or a failure: a {@link TimeoutException} when the clock ran
   *     out (the origin request is then reset, which closes its connection)
   */
  Future<T> head() {
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
      reset.run();
    }
  }
}
