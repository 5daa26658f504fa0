package io.edgeroute.router;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * One visitor request on its way through the router, built once by {@link RouterRequestHandler}:
 * the facts about the visitor, each derived once (who is asking, over what, for which host, under
 * which request id), what the request did so far ({@link RequestRecord}) and, once decided, the
 * {@link ProxyPlan}. The ways to carry it to an origin ({@link OriginExchange},
 * {@link CachingExchange}, {@link WebSocketTunnel}) are {@link ExchangeStrategy strategies} that
 * read it; none of them looks at the raw request for a fact kept here. Used on the request's event
 * loop only (the plan is set there).
 */
final class Exchange {

  final HttpServerRequest request;
  /** The IP the visitor's connection comes from, or {@code null} when unknown. */
  final String peerAddress;
  /** Whether the visitor's connection is TLS, as the listener that accepted it knows. */
  final boolean secure;
  /** The scheme the visitor used to reach the router, {@code http} when unknown. */
  final String scheme;
  /** The visitor's Host header as sent, or {@code null} (HTTP/2 and absolute-form requests may have none). */
  final String hostHeader;
  /** The visitor's Host as sent, else the request's authority: what the forwarding headers tell the origin. */
  final String visitorHost;
  /** The normalised host the request is for, or why it has none. */
  final RequestHost host;
  final RequestRecord record;
  private ProxyPlan plan;

  Exchange(HttpServerRequest request, boolean secure, String requestId) {
    this.request = request;
    this.peerAddress = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    this.secure = secure;
    String scheme = request.version() == HttpVersion.HTTP_2 ? request.scheme() : null;
    this.scheme = scheme != null ? scheme : secure ? "https" : "http";
    this.hostHeader = request.getHeader(HttpHeaders.HOST);
    this.visitorHost = hostHeader != null ? hostHeader : String.valueOf(request.authority());
    this.host = RequestHost.of(request);
    this.record = new RequestRecord(requestId);
  }

  /** @return the {@code X-Request-Id} sent to the origin and returned to the visitor */
  String requestId() {
    return record.requestId;
  }

  /** @return the plan, once {@link #planned} was called; {@code null} before */
  ProxyPlan plan() {
    return plan;
  }

  /** Keeps the decided plan; the exchange then goes to an origin by it. */
  Exchange planned(ProxyPlan decided) {
    this.plan = decided;
    return this;
  }
}
