package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import java.util.Set;

/**
 * Streams one visitor request to its origin and the answer back (SPEC §4). Bodies flow through
 * {@code pipe()} both ways, so back-pressure holds: the router buffers at most a write queue, never
 * a body. The visitor's request must arrive paused.
 */
final class OriginExchange {

  /** RFC 9110 §9.2.2; only these are retried, and only when no connection could be made. */
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

  private OriginExchange() {
  }

  /**
   * @return a future completed when the response has been relayed (or the WebSocket tunnel set up),
   *     failed with what went wrong; the caller maps the failure, if the head is not yet written
   */
  static Future<Void> run(HttpClientAgent client, HttpServerRequest request, ProxyPlan plan) {
    boolean upgrade = HopByHopHeaders.isWebSocketUpgrade(request.headers());
    RequestOptions options = OriginClient.requestOptions(plan.target(), request.method(), plan.options());
    plan.record().originStarted();
    return OriginClient.open(client, options, IDEMPOTENT.contains(request.method())).compose(originRequest -> upgrade
        ? WebSocketTunnel.run(request, originRequest, plan)
        : exchange(request, originRequest, plan));
  }

  private static Future<Void> exchange(HttpServerRequest request, HttpClientRequest originRequest, ProxyPlan plan) {
    copyHeaders(request, originRequest, plan, false);
    HttpServerResponse response = request.response();
    // A visitor who goes away releases the origin connection instead of leaving it streaming.
    response.closeHandler(v -> originRequest.reset());
    FirstByteTimeout firstByte = new FirstByteTimeout(Vertx.currentContext().owner(), originRequest,
        plan.options().getFirstByteTimeout());
    // 103 is passed on (SPEC §4a); 100 is handled below; other 1xx never get this far (OriginInterim).
    originRequest.earlyHintsHandler(response::writeEarlyHints);
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
    } else {
      sendBody(request, originRequest, firstByte);
    }
    return firstByte.head().onSuccess(head -> plan.record().originAnswered()).compose(originResponse -> relay(request, originRequest, originResponse, plan));
  }

  /** Streams the visitor's body to the origin; the first-byte clock starts once it is all sent. */
  private static void sendBody(HttpServerRequest request, HttpClientRequest originRequest, FirstByteTimeout firstByte) {
    // endOnFailure(false): a visitor who breaks off an upload must not look like a complete body.
    request.pipe().endOnFailure(false).to(originRequest)
        .onSuccess(v -> firstByte.start())
        .onFailure(t -> originRequest.reset(0, t));
  }

  /**
   * Relays the origin's response head and body to the visitor. An origin that stalls mid-body is
   * cut off by the origin client's connection idle timeout ({@code router.idleTimeout}), not by a
   * request idle timeout: vert.x 5.0 never cancels a request's idle timer once the response has
   * ended, so one set here would keep every finished exchange in memory for the whole timeout.
   */
  static Future<Void> relay(HttpServerRequest request, HttpClientRequest originRequest, HttpClientResponse originResponse,
                            ProxyPlan plan) {
    HttpServerResponse response = VisitorResponse.head(request, originResponse.statusCode(), originResponse.headers(), plan);
    if (originResponse.statusMessage() != null) {
      response.setStatusMessage(originResponse.statusMessage());
    }
    return VisitorResponse.streamBody(request, originResponse, originRequest::reset);
  }

  /** @return the address the visitor's connection comes from, or {@code null} */
  static String peerAddress(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }

  /** @return the scheme the visitor used, {@code http} when unknown */
  static String scheme(HttpServerRequest request) {
    return request.scheme() == null ? "http" : request.scheme();
  }

  /** @return the host the visitor asked for: its Host header, else the request's authority */
  static String visitorHost(HttpServerRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    return host != null ? host : String.valueOf(request.authority());
  }

  /**
   * Copies the visitor's headers to the origin request without hop-by-hop ones, adds the
   * forwarding headers, and sets Host and the body framing.
   */
  static void copyHeaders(HttpServerRequest request, HttpClientRequest originRequest, ProxyPlan plan, boolean upgrade) {
    forwardHeaders(request.headers(), originRequest, plan, upgrade, peerAddress(request), scheme(request),
        visitorHost(request));
    // The origin request's framing is the router's, from the body as decoded (SPEC §4a); the
    // visitor's framing headers are never copied, whatever Connection named. The gate
    // (VisitorGate) let through one plain decimal Content-Length or exactly "chunked", never both.
    MultiMap out = originRequest.headers();
    out.remove(HttpHeaders.CONTENT_LENGTH);
    out.remove(HttpHeaders.TRANSFER_ENCODING);
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.set(HttpHeaders.CONTENT_LENGTH, Long.toString(Long.parseLong(length.trim())));
    } else if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
      originRequest.setChunked(true);
    }
  }

  /**
   * The header rule of every request to an origin: {@code in} without hop-by-hop fields (save an
   * upgrade's), Host and Expect, plus the forwarding headers; the authority is the site's Host.
   */
  static void forwardHeaders(MultiMap in, HttpClientRequest originRequest, ProxyPlan plan, boolean upgrade,
                             String peerAddress, String scheme, String visitorHost) {
    MultiMap out = originRequest.headers();
    out.addAll(in);
    HopByHopHeaders.strip(out, upgrade);
    out.remove(HttpHeaders.HOST);
    out.remove(HttpHeaders.EXPECT);
    plan.forwarded().apply(out, peerAddress, scheme, visitorHost, plan.requestId());
    plan.rewrite().forward(out);
    FeaturesHeader.apply(out, plan.site());
    HostAndPort authority = HostAndPort.parseAuthority(plan.target().hostHeader(), -1);
    // The request options carry no host for a plain origin (one pool per address), so the url's
    // authority is the fallback here.
    originRequest.authority(authority != null ? authority
        : HostAndPort.create(OriginClient.sniHost(plan.target()), plan.target().url().port()));
  }
}
