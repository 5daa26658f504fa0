package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.vertx.core.http.HttpServerOptions;

/** What the router's HTTP and HTTPS listeners share (SPEC §4, §9). */
public final class ListenerOptions {

  private ListenerOptions() {
  }

  /**
   * A visitor listener on {@code port}. WebSocket extensions are left to the origin: the router
   * never terminates a WebSocket (the handshake is relayed and the connection becomes a tunnel), so
   * Vert.x's compression negotiation, a handler every request would pass through, is not installed.
   */
  public static HttpServerOptions visitors(RouterOptions options, int port) {
    return new HttpServerOptions().setHost(options.getHost()).setPort(port)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
  }

  /**
   * The plain HTTP listener. No h2c upgrade: its detector hands the first bytes to the HTTP/1
   * decoder before the connection handler has put the visitor gate in front of it.
   */
  static HttpServerOptions http(RouterOptions options) {
    return visitors(options, options.getPort()).setHttp2ClearTextEnabled(false);
  }
}
