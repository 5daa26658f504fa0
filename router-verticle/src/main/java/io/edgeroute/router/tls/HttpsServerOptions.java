package io.edgeroute.router.tls;

import io.edgeroute.router.ListenerOptions;
import io.edgeroute.shared.config.RouterOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import java.util.Set;

/**
 * The HTTPS listener's server options (SPEC §9): {@code router.host}:{@code router.https.port}, TLS
 * 1.2 and 1.3 only, ALPN offering {@code h2} then {@code http/1.1}, and the certificate chosen by SNI.
 */
public final class HttpsServerOptions {

  /** TLS 1.0 and 1.1 are deprecated by RFC 8996. */
  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private HttpsServerOptions() {
  }

  public static HttpServerOptions of(RouterOptions options, SniKeyCertOptions certificates) {
    return ListenerOptions.visitors(options, options.getHttps().getPort())
        .setSsl(true)
        .setSni(true)
        .setUseAlpn(true)
        // The JDK engine: its key manager is asked per handshake, so a replaced certificate is
        // served at once. useWorkerThread is what moves Vert.x's SNI mapping (and the engine's
        // delegated tasks) off the event loop: without it the mapping runs inline on the loop
        // (SslChannelProvider passes ImmediateExecutor), and a KV read there would block it.
        .setSslEngineOptions(new JdkSSLEngineOptions().setUseWorkerThread(true))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setKeyCertOptions(certificates);
  }
}
