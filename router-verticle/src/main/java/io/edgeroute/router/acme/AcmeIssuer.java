package io.edgeroute.router.acme;

import io.edgeroute.shared.config.AcmeOptions;
import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TlsSettings;
import io.edgeroute.shared.tls.CertificateInfo;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.Pem;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * On-demand certificates (SPEC §9). {@link #ensure} makes sure a name has a certificate in the KV:
 * <ol>
 *   <li>the KV is the permission check: the site that routes the name (its own, else the wildcard's)
 *       must be {@code active} with {@code tls.mode: auto}, else nothing is ordered;</li>
 *   <li>a valid certificate not yet due for renewal (two thirds of its lifetime; an uploaded one
 *       until it expires) is kept;</li>
 *   <li>after a failure the name waits ({@link Backoff}: 1 min doubling to 1 day,
 *       {@code nextAttempt} in the certificate document);</li>
 *   <li>at most {@code acme.maxOrdersPerHour} orders per node;</li>
 *   <li>one order per name cluster-wide ({@link OrderLock}); a node that does not get the lock waits
 *       for the holder's certificate up to {@code acme.handshakeWait};</li>
 *   <li>the order runs on a worker ({@link AcmeOrderer} blocks); its result, certificate or
 *       failure with its error, is written to {@code cert:<name>} and announced as a {@code cert}
 *       change, so every node serves it from the next handshake.</li>
 * </ol>
 * All state is touched on one context, so it needs no locks.
 */
public final class AcmeIssuer {

  private static final Logger LOG = Logger.getLogger(AcmeIssuer.class.getName());
  private static final Duration POLL = Duration.ofMillis(250);

  /** Why no certificate was obtained; the message is what the certificate resource shows. */
  public static final class NotIssued extends RuntimeException {
    NotIssued(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final KvStore store;
  private final KvKeys keys;
  private final KeyCipher cipher;
  private final AcmeOptions options;
  private final AcmeChallenges challenges;
  private final AcmeOrderer orderer;
  private final OrderLock lock;
  private final Deque<Long> recentOrders = new ArrayDeque<>();
  private final Map<String, Future<Void>> inFlight = new HashMap<>();

  public AcmeIssuer(Vertx vertx, KvStore store, KvKeys keys, KeyCipher cipher, AcmeOptions options,
                    AcmeChallenges challenges) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.store = store;
    this.keys = keys;
    this.cipher = cipher;
    this.options = options;
    this.challenges = challenges;
    this.orderer = new AcmeOrderer(options);
    this.lock = new OrderLock(store, keys);
  }

  /**
   * Callable from any thread.
   *
   * @param name a normalised host name (not a wildcard: http-01 cannot prove one)
   * @return a future completed once {@code cert:<name>} holds a usable certificate; failed with
   *     {@link NotIssued} saying why not (no such site, backing off, rate limited, order failed)
   */
  public Future<Void> ensure(String name) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> ensureOnContext(name).onComplete(promise));
    return promise.future();
  }

  /** Every {@code period}, renews what is due: every node scans, the lock lets one order. */
  public void renewEvery(Duration period) {
    vertx.setPeriodic(period.toMillis(), id -> renewDue(null));
  }

  private Future<Void> ensureOnContext(String name) {
    if (HostNames.isWildcard(name)) {
      return Future.failedFuture(new NotIssued("http-01 cannot prove a wildcard name"));
    }
    Future<Void> running = inFlight.get(name);
    if (running != null) {
      return running;
    }
    Future<Void> attempt = permitted(name)
        .compose(ok -> store.get(keys.cert(name)))
        .compose(entry -> decide(name, entry));
    inFlight.put(name, attempt);
    attempt.onComplete(done -> inFlight.remove(name));
    return attempt;
  }

  private Future<Void> permitted(String name) {
    String wildcard = HostNames.wildcardParent(name);
    return site(name)
        .compose(site -> site != null || wildcard == null ? Future.succeededFuture(site) : site(wildcard))
        .compose(site -> site != null && site.active() && TlsSettings.AUTO.equals(site.tls().mode())
            ? Future.succeededFuture()
            : Future.failedFuture(new NotIssued("no active site with tls.mode auto routes " + name)));
  }

  private Future<Site> site(String host) {
    return store.get(keys.site(host)).map(entry -> {
      try {
        return entry == null ? null : Site.fromJson(new JsonObject(entry.value()));
      } catch (RuntimeException e) {
        return null;
      }
    });
  }

  private Future<Void> decide(String name, KvEntry entry) {
    StoredCertificate current = entry == null ? null : StoredCertificate.fromJson(new JsonObject(entry.value()));
    Instant now = Instant.now();
    if (current != null && current.servable() && !due(current, now)) {
      return Future.succeededFuture();
    }
    if (current != null && current.nextAttempt() != null && current.nextAttempt().isAfter(now)) {
      return Future.failedFuture(new NotIssued("backing off until " + current.nextAttempt() + " after: "
          + current.error()));
    }
    if (!allowOrder(now)) {
      return Future.failedFuture(new NotIssued("acme.maxOrdersPerHour (" + options.getMaxOrdersPerHour()
          + ") reached on this node"));
    }
    return lock.acquire(name).compose(held -> held
        ? order(name, current).eventually(() -> lock.release(name))
        : awaitOtherNode(name, System.nanoTime() + options.getHandshakeWait().toNanos()));
  }

  /** An ACME certificate at two thirds of its lifetime; an uploaded one once it expired. */
  private static boolean due(StoredCertificate stored, Instant now) {
    try {
      CertificateInfo info = CertificateInfo.of(Pem.chain(stored.chain()).get(0));
      Instant at = StoredCertificate.ACME.equals(stored.source()) ? info.renewAt() : info.notAfter();
      return !now.isBefore(at);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private boolean allowOrder(Instant now) {
    long hourAgo = now.toEpochMilli() - TimeUnit.HOURS.toMillis(1);
    while (!recentOrders.isEmpty() && recentOrders.peekFirst() < hourAgo) {
      recentOrders.pollFirst();
    }
    if (recentOrders.size() >= options.getMaxOrdersPerHour()) {
      return false;
    }
    recentOrders.addLast(now.toEpochMilli());
    return true;
  }

  private Future<Void> order(String name, StoredCertificate current) {
    StoredCertificate pending = current == null
        ? new StoredCertificate(null, null, StoredCertificate.ACME, null, 0, StoredCertificate.PENDING, null, 0, null)
        : current.withAttempt(StoredCertificate.PENDING, null, current.failures(), null);
    LOG.info("ordering a certificate for " + name);
    return write(name, pending)
        .compose(v -> vertx.executeBlocking(() -> orderer.order(name, publisher()), false))
        .transform(done -> {
          if (done.succeeded()) {
            StoredCertificate issued = StoredCertificate.sealed(name, done.result().chain(), done.result().key(),
                StoredCertificate.ACME, cipher);
            LOG.info("certificate issued for " + name);
            return write(name, issued);
          }
          int failures = (current == null ? 0 : current.failures()) + 1;
          Instant next = Instant.now().plus(Backoff.after(failures));
          String error = done.cause().getMessage();
          LOG.warning("certificate order for " + name + " failed (" + failures + " in a row, next try after "
              + next + "): " + error);
          return write(name, pending.withAttempt(StoredCertificate.FAILED, error, failures, next))
              .compose(v -> Future.failedFuture(new NotIssued(error)));
        });
  }

  /** Stores the next version of the document and announces it. */
  private Future<Void> write(String name, StoredCertificate doc) {
    String key = keys.cert(name);
    return store.get(key).compose(entry -> {
      long version = (entry == null ? 0 : new JsonObject(entry.value()).getLong("version", 0L)) + 1;
      return store.put(key, doc.withVersion(version).toJson().encode(), KvStore.ANY_VERSION)
          .compose(v -> store.publish(KvChange.cert(name, version)).recover(e -> Future.succeededFuture()));
    });
  }

  private Future<Void> awaitOtherNode(String name, long deadline) {
    return store.get(keys.cert(name)).compose(entry -> {
      StoredCertificate stored = entry == null ? null : StoredCertificate.fromJson(new JsonObject(entry.value()));
      if (stored != null && stored.servable() && !due(stored, Instant.now())) {
        return Future.succeededFuture();
      }
      if (stored != null && StoredCertificate.FAILED.equals(stored.status())) {
        return Future.failedFuture(new NotIssued(stored.error()));
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new NotIssued("another node is ordering the certificate of " + name));
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(POLL.toMillis(), id -> awaitOtherNode(name, deadline).onComplete(later));
      return later.future();
    });
  }

  /** Challenge answers go to the KV from the ordering worker, which waits until they are stored. */
  private AcmeOrderer.ChallengePublisher publisher() {
    return new AcmeOrderer.ChallengePublisher() {
      @Override
      public void publish(String token, String keyAuthorization) throws Exception {
        Promise<Void> stored = Promise.promise();
        context.runOnContext(v -> challenges.publish(token, keyAuthorization).onComplete(stored));
        stored.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }

      @Override
      public void withdraw(String token) {
        context.runOnContext(v -> challenges.withdraw(token));
      }
    };
  }

  private void renewDue(String cursor) {
    store.scan(keys.certPrefix(), cursor, 100).onSuccess(page -> {
      for (String key : page.keys()) {
        String host = key.substring(keys.certPrefix().length());
        store.get(key).onSuccess(entry -> {
          if (entry == null) {
            return;
          }
          StoredCertificate stored = StoredCertificate.fromJson(new JsonObject(entry.value()));
          if (StoredCertificate.ACME.equals(stored.source()) && (!stored.servable() || due(stored, Instant.now()))) {
            ensure(host).onFailure(e -> LOG.fine(() -> "no renewal of " + host + ": " + e.getMessage()));
          }
        });
      }
      if (page.next() != null) {
        renewDue(page.next());
      }
    });
  }
}
