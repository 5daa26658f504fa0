package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;

/**
 * The WebSocket strategy: the handshake goes to the origin as a request; when it answers 101 the
 * two connections are joined byte for byte (as vertx-http-proxy does), so frames, pings and close
 * pass unchanged. Any other answer is relayed as a normal response.
 */
final class WebSocketTunnel implements ExchangeStrategy {

  private final OriginClient client;

  /** @param client the router instance's origin client; each exchange takes its current agent */
  WebSocketTunnel(OriginClient client) {
    this.client = client;
  }

  /** @return a future completed once the tunnel is up (or the refusal relayed) */
  @Override
  public Future<Void> run(Exchange exchange) {
    return OriginClient.open(client.current(), exchange, exchange.request.method())
        .compose(originRequest -> handshake(exchange, originRequest));
  }

  private static Future<Void> handshake(Exchange exchange, HttpClientRequest originRequest) {
    HttpServerRequest request = exchange.request;
    OriginHeaders.forward(request.headers(), originRequest, exchange, true);
    OriginHeaders.frame(request, originRequest);
    // The wait for the 101 is the first-byte timeout's, as for any exchange, and it ends when the
    // answer comes: a request idle timeout would keep counting on the tunnel (and, in vert.x 5.0,
    // keep the exchange in memory after it ended).
    FirstByteTimeout<HttpClientResponse> firstByte = FirstByteTimeout.of(originRequest,
        exchange.plan().options().getFirstByteTimeout());
    // connect() sends the head and leaves the request open for the tunnel: the handshake has no
    // body, and ending the request as well (once wired to the visitor's request end) is a write
    // after connect, which vert.x refuses with an IllegalStateException on every upgrade.
    originRequest.connect();
    // The handshake has no body, so the wait for the origin's answer starts at once.
    firstByte.start();
    request.handler(originRequest::write);
    request.endHandler(v -> { });
    request.resume();
    return firstByte.head().compose(originResponse -> originResponse.statusCode() != 101
        ? VisitorResponse.relay(exchange, originRequest, originResponse)
        : join(exchange, originRequest, originResponse));
  }

  private static Future<Void> join(Exchange exchange, HttpClientRequest originRequest, HttpClientResponse originResponse) {
    HttpServerRequest request = exchange.request;
    HttpServerResponse response = request.response();
    response.setStatusCode(101);
    response.headers().addAll(originResponse.headers());
    exchange.plan().decorate(response, exchange.requestId());
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
  }
}
