package io.edgeroute.router.tls;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;

/**
 * Hands Vert.x the HTTPS listener's certificates (SPEC §9) with {@code HttpServerOptions.setSni(true)}.
 *
 * <p>Vert.x 5 calls the {@linkplain #keyManagerFactoryMapper mapper} for every handshake's SNI name
 * before the TLS engine is made ({@code SslContextProvider.serverNameMapping}), on its internal
 * worker pool when the engine options say {@code useWorkerThread} (as {@link HttpsServerOptions}
 * does), else inline on the event loop: that is where {@link CertificateCache#resolve} may block on
 * the KV, and it refuses to block an event loop. The mapper
 * then answers {@code null}, so Vert.x uses its one default context, whose {@link SniKeyManager}
 * picks the cached certificate by SNI during the handshake. Returning a factory per name instead
 * would make Vert.x keep one SSL context per name for the life of the server, beyond
 * {@code tls.maxCachedCertificates}, and serve a replaced certificate's stale context.
 */
public final class SniKeyCertOptions implements KeyCertOptions {

  private final CertificateCache cache;
  private final TlsMeters meters;
  private final KeyCertOptions keyManager;

  public SniKeyCertOptions(CertificateCache cache, TlsMeters meters) {
    this.cache = cache;
    this.meters = meters;
    this.keyManager = KeyCertOptions.wrap(new SniKeyManager(cache));
  }

  @Override
  public KeyCertOptions copy() {
    // Immutable: the cache inside changes, this object does not.
    return this;
  }

  @Override
  public KeyManagerFactory getKeyManagerFactory(Vertx vertx) throws Exception {
    return keyManager.getKeyManagerFactory(vertx);
  }

  @Override
  public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
    return serverName -> {
      if (cache.resolve(serverName) == null) {
        meters.unknownName();
      }
      return null;
    };
  }
}
