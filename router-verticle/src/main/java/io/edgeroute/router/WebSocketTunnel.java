package io.edgeroute.router;

import io.vertx.core.Future;
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
    Future<io.vertx.core.http.HttpClientResponse> answer = originRequest.connect();
    request.handler(originRequest::write);
    request.endHandler(v -> originRequest.end());
    request.resume();
    return answer.compose(originResponse -> {
      if (originResponse.statusCode() != 101) {
        return OriginExchange.relay(request, originRequest, originResponse, plan);
      }
      HttpServerResponse response = request.response();
      response.setStatusCode(101);
      response.headers().addAll(originResponse.headers());
      plan.decorate(response);
      return request.toNetSocket().map(visitor -> {
        NetSocket origin = originResponse.netSocket();
        visitor.pipeTo(origin);
        origin.pipeTo(visitor);
        return null;
      });
    });
  }
}
