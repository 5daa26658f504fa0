package io.edgeroute.router.tls;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TlsSettings;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.Pem;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's certificates by server name (SPEC §9): loaded from the KV on a name's first handshake
 * ({@code cert:<name>}, else {@code cert:*.<parent>}), decrypted, and kept in a least-recently-used
 * map of at most {@code tls.maxCachedCertificates} names, absences included, so a flood of handshakes
 * for unknown names costs a few KV reads per name and cannot grow memory. A {@code cert} or
 * {@code site} change message drops what it names ({@link #invalidate}); the next handshake reads it
 * again. Without one, what is known is read again after the microcache's TTLs ({@code kv.cache.ttl},
 * {@code kv.cache.negativeTtl}), and kept when the KV does not answer then.
 *
 * <p>{@link #resolve} blocks: Vert.x calls the SNI mapping on its internal worker pool, never on an
 * event loop, and this is where the handshake waits for the KV. The reads themselves run on the
 * given context; the decryption runs on the waiting worker.
 */
public final class CertificateCache {

  private static final Logger LOG = Logger.getLogger(CertificateCache.class.getName());

  private final Context context;
  private final KvStore store;
  private final KvKeys keys;
  private final KeyCipher cipher;
  private final Duration wait;
  private final int max;
  /** Obtains a certificate for a name that has none (ACME), or {@code null} when there is no such source. */
  private volatile OnDemand onDemand;
  private volatile Duration onDemandWait = Duration.ZERO;

  /** Where a name without a certificate may get one while its handshake waits. */
  @FunctionalInterface
  public interface OnDemand {
    /** @return a future completed once {@code cert:<name>} holds a certificate; failed when none comes */
    Future<Void> obtain(String name);
  }

  /** What the KV said about a name, until when it is believed without asking again. */
  private record Known(ServingCertificate certificate, long freshUntilNanos) {
    boolean fresh() {
      return System.nanoTime() - freshUntilNanos < 0;
    }
  }

  /** name → what is known of it (no certificate included); access-ordered for LRU eviction. */
  private final LinkedHashMap<String, Known> byName;
  private final Duration ttl;
  private final Duration negativeTtl;

  /**
   * @param context where KV reads are started
   * @param wait    how long a handshake waits for the KV before it fails
   * @param max     {@code tls.maxCachedCertificates}
   * @param ttl     how long a loaded certificate is served without reading the KV again (change messages
   *                apply at once; this bounds what a platform that writes without publishing waits)
   * @param negativeTtl the same for a name without a certificate
   */
  public CertificateCache(Context context, KvStore store, KvKeys keys, KeyCipher cipher, Duration wait, int max,
                          Duration ttl, Duration negativeTtl) {
    this.context = context;
    this.store = store;
    this.keys = keys;
    this.cipher = cipher;
    this.wait = wait;
    this.max = max;
    this.ttl = ttl;
    this.negativeTtl = negativeTtl;
    this.byName = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
        return size() > CertificateCache.this.max;
      }
    };
  }

  /** Lets a handshake for a name without a certificate wait up to {@code wait} for {@code source}. */
  public void onDemand(OnDemand source, Duration wait) {
    this.onDemandWait = wait;
    this.onDemand = source;
  }

  /**
   * Blocking: call from a worker thread only.
   *
   * @param serverName the SNI name as sent (any case, perhaps with a trailing dot)
   * @return the certificate to serve, or {@code null} when the name has none or the KV did not answer
   */
  ServingCertificate resolve(String serverName) {
    String name = normalise(serverName);
    if (name == null) {
      return null;
    }
    Known known = cached(name);
    if (known != null && known.fresh()) {
      return known.certificate();
    }
    if (Context.isOnEventLoopThread()) {
      // Never block a loop (a misconfigured engine would call us there): load for the next handshake.
      LOG.warning("certificate lookup for " + name + " on an event loop; this handshake fails, the next one is served");
      find(name).onSuccess(found -> remember(name, decode(found)));
      return null;
    }
    try {
      Found found = find(name).toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      ServingCertificate loaded = decode(found);
      if (loaded == null) {
        loaded = obtain(name);
      }
      remember(name, loaded);
      return loaded;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      // Not remembered: the next handshake tries the KV again. Meanwhile what was known is served.
      LOG.log(Level.WARNING, "no certificate for " + name + ": the KV did not answer", e);
      return known == null ? null : known.certificate();
    }
  }

  /** Waits (on this worker) for an on-demand certificate; {@code null} when none comes in time. */
  private ServingCertificate obtain(String name) throws InterruptedException {
    OnDemand source = onDemand;
    if (source == null) {
      return null;
    }
    try {
      Promise<Void> obtained = Promise.promise();
      context.runOnContext(v -> source.obtain(name).onComplete(obtained));
      obtained.future().toCompletionStage().toCompletableFuture().get(onDemandWait.toMillis(), TimeUnit.MILLISECONDS);
      return decode(find(name).toCompletionStage().toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      LOG.fine(() -> "no certificate obtained for " + name + " during its handshake: " + e.getMessage());
      return null;
    }
  }

  /**
   * Non-blocking: safe on an event loop.
   *
   * @param serverName the SNI name as sent
   * @return the certificate currently cached for it, without loading; {@code null} when none
   */
  ServingCertificate peek(String serverName) {
    String name = normalise(serverName);
    Known known = name == null ? null : cached(name);
    return known == null ? null : known.certificate();
  }

  /**
   * Forgets what {@code host} (a name or {@code *.parent}) decided: the name itself and, for a
   * wildcard, every name one label below it.
   */
  public void invalidate(String host) {
    boolean wildcard = HostNames.isWildcard(host);
    Predicate<String> affected = name -> name.equals(host) || (wildcard && host.equals(HostNames.wildcardParent(name)));
    synchronized (byName) {
      byName.keySet().removeIf(affected);
    }
  }

  /** @return the number of names cached, absences included */
  public int size() {
    synchronized (byName) {
      return byName.size();
    }
  }

  private Known cached(String name) {
    synchronized (byName) {
      return byName.get(name);
    }
  }

  private void remember(String name, ServingCertificate certificate) {
    synchronized (byName) {
      byName.put(name, new Known(certificate,
          System.nanoTime() + (certificate == null ? negativeTtl : ttl).toNanos()));
    }
  }

  /**
   * The exact name's stored certificate, else its wildcard's, still sealed; none unless the site
   * that routes the name (its own, else the wildcard's) is active and not {@code tls.mode: off}: the
   * KV is the permission check, so a deleted or unproven site serves no certificate left behind.
   */
  private Future<Found> find(String name) {
    String wildcard = HostNames.wildcardParent(name);
    return servesHttps(name)
        .compose(site -> site != null || wildcard == null ? Future.succeededFuture(site) : servesHttps(wildcard))
        .compose(site -> site == null || !site ? Future.succeededFuture((Found) null) : read(name)
            .compose(found -> found != null || wildcard == null ? Future.succeededFuture(found) : read(wildcard)));
  }

  /** @return {@code null} when there is no site under {@code host}; else whether it may serve HTTPS */
  private Future<Boolean> servesHttps(String host) {
    return get(keys.site(host)).map(entry -> {
      if (entry == null) {
        return null;
      }
      try {
        Site site = Site.fromJson(new JsonObject(entry.value()));
        return site.active() && !TlsSettings.OFF.equals(site.tls().mode());
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  private Future<KvEntry> get(String key) {
    Promise<KvEntry> promise = Promise.promise();
    context.runOnContext(v -> store.get(key).onComplete(promise));
    return promise.future();
  }

  private record Found(String host, StoredCertificate stored) {
  }

  private Future<Found> read(String host) {
    return get(keys.cert(host)).map(entry -> {
      if (entry == null) {
        return null;
      }
      try {
        StoredCertificate stored = StoredCertificate.fromJson(new JsonObject(entry.value()));
        return stored.servable() ? new Found(host, stored) : null;
      } catch (RuntimeException e) {
        LOG.warning("ignoring unreadable certificate document " + keys.cert(host) + ": " + e.getMessage());
        return null;
      }
    });
  }

  private ServingCertificate decode(Found found) {
    if (found == null) {
      return null;
    }
    try {
      byte[] der = cipher.decrypt(found.host(), found.stored().key());
      return new ServingCertificate(found.host(), Pem.chain(found.stored().chain()).toArray(new X509Certificate[0]),
          Pem.pkcs8(der));
    } catch (IllegalArgumentException e) {
      LOG.warning("cannot serve the certificate of " + found.host() + ": " + e.getMessage());
      return null;
    }
  }

  private static String normalise(String serverName) {
    if (serverName == null) {
      return null;
    }
    try {
      String name = HostNames.normalize(serverName);
      // A client may send anything; a wildcard is a KV key, never a name to serve.
      return HostNames.isWildcard(name) ? null : name;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
