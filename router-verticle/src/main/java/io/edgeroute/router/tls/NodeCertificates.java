package io.edgeroute.router.tls;

import io.edgeroute.router.acme.AcmeChallenges;
import io.edgeroute.router.acme.AcmeIssuer;
import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.config.AcmeOptions;
import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.tls.KeyCipher;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Makes a node's one {@link CertificateCache}, shared by every router instance, and keeps it current:
 * each {@code cert} or {@code site} change the cache verticle relays on {@link EventBusAddresses#KV_CHANGED} (from
 * the change channel or from a peer, whichever came first) drops what it names, so the next
 * handshake reads the new certificate.
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
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_CHANGED, message -> {
      KvChange change = KvChange.fromJson(message.body());
      // A site change may start or stop its HTTPS (deleted, pending, tls.mode off): decide again.
      if (change.kind() == KvChange.Kind.CERT || change.kind() == KvChange.Kind.SITE) {
        cache.invalidate(change.key());
      }
      // A site that became active with tls.mode auto gets its order now, not at its first handshake.
      if (issuer != null && change.kind() == KvChange.Kind.SITE && !HostNames.isWildcard(change.key())) {
        issuer.ensure(change.key()).onFailure(e -> LOG.fine(() -> "no order for " + change.key() + ": " + e.getMessage()));
      }
    });
    return new NodeTls(cache, challenges, issuer);
  }
}
