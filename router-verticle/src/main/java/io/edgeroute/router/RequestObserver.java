package io.edgeroute.router;

import io.edgeroute.cache.response.CacheStatus;
import io.edgeroute.shared.model.Site;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import javax.net.ssl.SSLSession;

/**
 * Sees every request end once (SPEC §8): counts it in {@link RouterMeters} and, with
 * {@code log.access}, queues its {@link AccessEntry}. Runs on the request's event loop and only
 * copies fields; formatting and writing happen on the access log's thread.
 */
final class RequestObserver {

  private final RouterMeters meters;
  private final AccessLog accessLog;
  private volatile boolean access;

  /** @param accessLog where access lines go, or {@code null} for none at all */
  RequestObserver(RouterMeters meters, AccessLog accessLog, boolean access) {
    this.meters = meters;
    this.accessLog = accessLog;
    this.access = access;
  }

  /** Applies a live {@code log.access}. */
  void setAccess(boolean access) {
    this.access = access;
  }

  /** Records {@code exchange} as it stands now; later calls for the same exchange do nothing. */
  void completed(Exchange exchange) {
    RequestRecord record = exchange.record;
    if (!record.claimObservation()) {
      return;
    }
    HttpServerRequest request = exchange.request;
    HttpServerResponse response = request.response();
    long duration = System.nanoTime() - record.startNanos;
    int status = response.getStatusCode();
    String cacheStatus = response.headers().get(CacheStatus.HEADER);
    Site site = record.site;
    meters.record(status, cacheStatus, site == null ? null : site.host(), duration, record.originNanos(),
        record.originError);
    if (access && accessLog != null) {
      accessLog.offer(new AccessEntry(record.startMillis, record.requestId, exchange.peerAddress,
          request.method().name(), exchange.host.host(), request.path(), status, request.bytesRead(),
          response.bytesWritten(), duration, record.originNanos(), site == null ? null : site.siteId(),
          site == null ? null : site.tenant(), record.origin, cacheStatus, tls(exchange)));
    }
  }

  private static String tls(Exchange exchange) {
    if (!exchange.secure) {
      return null;
    }
    SSLSession session = exchange.request.sslSession();
    return session == null ? null : session.getProtocol();
  }
}
