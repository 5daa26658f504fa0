package io.edgeroute.router;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS towards origins: the trust of {@code router.trustStore} (the JVM's CAs when none), the
 * origin's name as SNI and checked against its certificate (HTTPS endpoint identification), and a
 * handshake bounded by {@code router.connectTimeout}. HTTP/1.1 only: no ALPN is offered.
 */
final class OriginTls {

  private final Future<SslContext> context;
  private final long handshakeMillis;

  /**
   * Starts loading the trust on a worker thread (it may read a file); the first TLS connection waits
   * for it.
   *
   * @param trust {@code router.trustStore} as Vert.x trust options, {@code null} for the JVM's CAs
   */
  OriginTls(Vertx vertx, TrustOptions trust, long handshakeMillis) {
    this.handshakeMillis = handshakeMillis;
    this.context = vertx.executeBlocking(() -> {
      SslContextBuilder builder = SslContextBuilder.forClient();
      if (trust != null) {
        builder.trustManager(trust.getTrustManagerFactory(vertx));
      }
      return builder.build();
    }, false);
  }

  /** @return a future completed with a handler for one connection to {@code key}, or failed with why no trust could be loaded */
  Future<SslHandler> handler(ByteBufAllocator allocator, OriginKey key) {
    return context.map(ssl -> {
      SslHandler handler = ssl.newHandler(allocator, key.serverName(), key.port());
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
      handler.setHandshakeTimeoutMillis(handshakeMillis);
      return handler;
    });
  }
}
