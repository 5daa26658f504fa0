package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;

/**
 * A WebSocket upgrade: the handshake goes to the origin as a request; when it answers 101 the two
 * connections are joined byte for byte (as vertx-http-proxy does), so frames, pings and close pass
 * unchanged. Any other answer is relayed as a normal response.
 */
final class WebSocketTunnel {

  private WebSocketTunnel() {
  }

  /** @return a future completed once the tunnel is up (or the refusal relayed) */
  static Future<Void> run(HttpServerRequest request, HttpClientRequest originRequest, ProxyPlan plan) {
    OriginExchange.copyHeaders(request, originRequest, plan, true);
    // The handshake has no body, so the wait for the origin's answer starts at once.
    if (plan.options().getFirstByteTimeout().toMillis() > 0) {
      originRequest.idleTimeout(plan.options().getFirstByteTimeout().toMillis());
    }
    // connect() sends the head and leaves the request open for the tunnel: the handshake has no
    // body, and ending the request as well (once wired to the visitor's request end) is a write
    // after connect, which vert.x refuses with an IllegalStateException on every upgrade.
    Future<io.vertx.core.http.HttpClientResponse> answer = originRequest.connect();
    request.handler(originRequest::write);
    request.endHandler(v -> { });
    request.resume();
    return answer.compose(originResponse -> {
      if (originResponse.statusCode() != 101) {
        return OriginExchange.relay(request, originRequest, originResponse, plan);
      }
      HttpServerResponse response = request.response();
      response.setStatusCode(101);
      response.headers().addAll(originResponse.headers());
      plan.decorate(response);
      // From here the origin connection is the tunnel's: its closing is how a tunnel ends, not an
      // error (vert.x would log "Connection was closed" as SEVERE for the request without a handler).
      originRequest.exceptionHandler(t -> { });
      return request.toNetSocket().map(visitor -> {
        NetSocket origin = originResponse.netSocket();
        GoingAway.onShutdown(Vertx.currentContext().owner(), visitor, origin);
        visitor.pipeTo(origin);
        origin.pipeTo(visitor);
        return null;
      });
    });
  }
}
