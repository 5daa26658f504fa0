package io.edgeroute.router.tls;

import io.edgeroute.router.acme.AcmeChallenges;
import io.edgeroute.router.acme.AcmeIssuer;
import io.edgeroute.shared.config.AcmeOptions;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.tls.KeyCipher;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Makes a node's one {@link CertificateCache}, shared by every router instance; {@link NodeTls#changed}
 * keeps it current with the node's invalidation.
 */
public final class NodeCertificates {

  /** How often each node looks for ACME certificates due for renewal. */
  public static final Duration RENEWAL_SCAN = Duration.ofMinutes(10);

  /** How long a handshake waits for the KV to answer for its name. */
  public static final Duration LOAD_WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(NodeCertificates.class.getName());

  private NodeCertificates() {
  }

  /**
   * @return the node's HTTPS parts, or {@code null} when HTTPS is off: {@code router.https.port}
   *     is 0, or no {@code tls.keyEncryptionKey} is set (no stored key could be decrypted)
   */
  public static NodeTls create(Vertx vertx, KvStore store, KvKeys keys, EdgerouteOptions options) {
    if (options.getRouter().getHttps().getPort() == 0) {
      return null;
    }
    byte[] key = options.getTls().keyEncryptionKeyBytes();
    if (key == null) {
      // The default configuration: plain HTTP only, which is no fault worth a warning.
      LOG.info("HTTPS listener off: set tls.keyEncryptionKey to serve HTTPS on router.https.port "
          + options.getRouter().getHttps().getPort());
      return null;
    }
    KeyCipher cipher = new KeyCipher(key);
    CertificateCache cache = new CertificateCache(vertx.getOrCreateContext(), store, keys, cipher,
        LOAD_WAIT, options.getTls().getMaxCachedCertificates(), options.getKv().getCache().getTtl(),
        options.getKv().getCache().getNegativeTtl());
    AcmeChallenges challenges = new AcmeChallenges(store, keys);
    AcmeOptions acme = options.getAcme();
    AcmeIssuer issuer = acme.enabled() ? new AcmeIssuer(vertx, store, keys, cipher, acme, challenges) : null;
    if (issuer != null) {
      cache.onDemand(issuer::ensure, acme.getHandshakeWait());
      issuer.renewEvery(RENEWAL_SCAN);
    }
    return new NodeTls(cache, challenges, issuer);
  }
}
