package io.edgeroute.router.tls;

import io.edgeroute.shared.bus.EventBusAddresses;
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

  /** How long a handshake waits for the KV to answer for its name. */
  public static final Duration LOAD_WAIT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(NodeCertificates.class.getName());

  private NodeCertificates() {
  }

  /**
   * @return the node's certificate cache, or {@code null} when HTTPS is off: {@code router.https.port}
   *     is 0, or no {@code tls.keyEncryptionKey} is set (no stored key could be decrypted)
   */
  public static CertificateCache create(Vertx vertx, KvStore store, KvKeys keys, EdgerouteOptions options) {
    if (options.getRouter().getHttps().getPort() == 0) {
      return null;
    }
    byte[] key = options.getTls().keyEncryptionKeyBytes();
    if (key == null) {
      LOG.warning("HTTPS listener off: router.https.port is " + options.getRouter().getHttps().getPort()
          + " but tls.keyEncryptionKey is not set, so no stored certificate could be served");
      return null;
    }
    CertificateCache cache = new CertificateCache(vertx.getOrCreateContext(), store, keys, new KeyCipher(key),
        LOAD_WAIT, options.getTls().getMaxCachedCertificates());
    vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.KV_CHANGED, message -> {
      KvChange change = KvChange.fromJson(message.body());
      // A site change may start or stop its HTTPS (deleted, pending, tls.mode off): decide again.
      if (change.kind() == KvChange.Kind.CERT || change.kind() == KvChange.Kind.SITE) {
        cache.invalidate(change.key());
      }
    });
    return cache;
  }
}
