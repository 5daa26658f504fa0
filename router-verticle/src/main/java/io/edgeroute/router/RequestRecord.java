package io.edgeroute.router;

import io.edgeroute.shared.model.Site;

/**
 * What one request did, gathered while it runs for the access log and the meters
 * ({@link RequestObserver}): when it began, where it went, how long the origin took. Written and
 * read on the request's event loop only.
 */
final class RequestRecord {

  final long startMillis = System.currentTimeMillis();
  final long startNanos = System.nanoTime();
  final String requestId;
  Site site;
  /** The origin's url ({@code scheme://host[:port]}), once chosen. */
  String origin;
  /** Why the origin failed ({@link OriginErrors}), or {@code null}. */
  String originError;
  private long originStart;
  private long originHead;
  private boolean observed;

  RequestRecord(String requestId) {
    this.requestId = requestId;
  }

  /** The request to the origin is being opened (the first time only counts). */
  void originStarted() {
    if (originStart == 0) {
      originStart = System.nanoTime();
    }
  }

  /** The origin's response head arrived. */
  void originAnswered() {
    if (originStart != 0 && originHead == 0) {
      originHead = System.nanoTime();
    }
  }

  /** @return nanoseconds from opening the origin request to its response head, or -1 when there was none */
  long originNanos() {
    return originHead == 0 ? -1 : originHead - originStart;
  }

  /** @return {@code true} the first time only: a request is observed once, however it ended */
  boolean claimObservation() {
    if (observed) {
      return false;
    }
    observed = true;
    return true;
  }
}
