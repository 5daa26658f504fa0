package io.edgeroute.router.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import javax.net.ssl.SSLSession;

/**
 * The HTTPS listener's series (SPEC §8): {@code edgeroute_tls_handshakes_total{result, protocol}}
 * (a completed handshake is {@code ok} with its protocol; a name without a certificate is
 * {@code unknown_name}, refused during the handshake) and {@code edgeroute_tls_certificates_cached},
 * the decrypted certificates the node holds. No per-name label: names are unbounded.
 */
public final class TlsMeters {

  static final String HANDSHAKES = "edgeroute.tls.handshakes";

  private final MeterRegistry registry;
  private final Counter unknownNames;

  public TlsMeters(MeterRegistry registry, CertificateCache cache) {
    this.registry = registry;
    this.unknownNames = Counter.builder(HANDSHAKES).description("TLS handshakes on the HTTPS listener")
        .tag("result", "unknown_name").tag("protocol", "none").register(registry);
    Gauge.builder("edgeroute.tls.certificates.cached", cache, CertificateCache::size)
        .description("decrypted certificates held by this node").register(registry);
  }

  /** Counts the handshake {@code connection} completed (Vert.x hands over HTTPS connections after it). */
  public void handshake(HttpConnection connection) {
    SSLSession session = connection.sslSession();
    String protocol = session == null ? "unknown" : session.getProtocol();
    Counter.builder(HANDSHAKES).description("TLS handshakes on the HTTPS listener")
        .tag("result", "ok").tag("protocol", protocol).register(registry).increment();
  }

  /** Counts a handshake refused because no certificate covers its name. */
  void unknownName() {
    unknownNames.increment();
  }
}
