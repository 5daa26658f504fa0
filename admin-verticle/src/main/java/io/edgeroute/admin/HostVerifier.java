package io.edgeroute.admin;

import io.edgeroute.shared.config.VerificationOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns pending sites active once their host is proven (SPEC §7). Pending hosts are listed in the
 * set {@code pending-sites}; every {@code admin.verificationFirstCheck} this node looks at those due:
 * the first check comes within that period of the site's creation, each later one waits twice as
 * long as the one before, at most an hour, and seven days after creation the site is {@code failed}.
 * {@link #verifyNow} checks at once. Every admin node runs the loop; a compare-and-set makes the
 * activation happen once, and it is announced like any site write, so every router routes the site
 * and may give it a certificate from then on. Runs on the admin verticle's context.
 */
final class HostVerifier {

  static final Duration GIVE_UP_AFTER = Duration.ofDays(7);
  static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final Logger LOG = Logger.getLogger(HostVerifier.class.getName());

  private record Schedule(Instant next, int checks) {
  }

  private final Vertx vertx;
  private final KvStore store;
  private final KvKeys keys;
  private final Announcer announcer;
  private final SiteReads sites;
  private final Supplier<VerificationOptions> options;
  private final OwnershipProof proof;
  private final Map<String, Schedule> schedule = new HashMap<>();

  HostVerifier(Vertx vertx, KvStore store, KvKeys keys, Announcer announcer, SiteReads sites,
               Supplier<VerificationOptions> options) {
    this.vertx = vertx;
    this.store = store;
    this.keys = keys;
    this.announcer = announcer;
    this.sites = sites;
    this.options = options;
    this.proof = new OwnershipProof(vertx);
  }

  /** Starts the background checks; call once, from the admin verticle's context. */
  void start() {
    vertx.setPeriodic(options.get().getFirstCheck().toMillis(), id -> tick());
  }

  /** @return a future completed with the site after a check made now; 404 as for any site resource */
  Future<Site> verifyNow(Caller caller, String host) {
    return sites.get(caller, host).compose(site -> site.active() || site.verification() == null
        ? Future.succeededFuture(site)
        : proof.check(host, site.verification(), options.get())
            .compose(proven -> proven ? activate(host) : Future.succeededFuture(site)));
  }

  private void tick() {
    store.members(keys.pendingSites()).onSuccess(hosts -> {
      Instant now = Instant.now();
      for (String host : hosts) {
        Schedule due = schedule.get(host);
        if (due == null || !now.isBefore(due.next())) {
          check(host, due == null ? 0 : due.checks(), now);
        }
      }
      schedule.keySet().retainAll(hosts);
    });
  }

  private void check(String host, int checks, Instant now) {
    Duration wait = options.get().getFirstCheck().multipliedBy(1L << Math.min(checks, 20));
    schedule.put(host, new Schedule(now.plus(wait.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : wait), checks + 1));
    store.get(keys.site(host)).compose(entry -> {
      Site site = SiteReads.parse(entry);
      if (site == null || site.active() || Site.FAILED.equals(site.status()) || site.verification() == null) {
        return forget(host);
      }
      if (now.isAfter(site.verification().created().plus(GIVE_UP_AFTER))) {
        LOG.info("ownership of " + host + " not proven in " + GIVE_UP_AFTER.toDays() + " days: failed");
        return write(host, entry, site.withStatus(Site.FAILED)).compose(v -> forget(host));
      }
      return proof.check(host, site.verification(), options.get())
          .compose(proven -> proven ? activate(host).mapEmpty() : Future.<Void>succeededFuture());
    }).onFailure(e -> LOG.fine(() -> "verification of " + host + " not done this time: " + e.getMessage()));
  }

  /** Marks the site active (if it still is unproven), announces it, and stops checking it. */
  private Future<Site> activate(String host) {
    return store.get(keys.site(host)).compose(entry -> {
      Site site = SiteReads.parse(entry);
      if (site == null || site.active()) {
        return forget(host).map(site);
      }
      Site active = site.withStatus(Site.ACTIVE).withVerification(null);
      LOG.info("ownership of " + host + " proven: the site is active");
      return write(host, entry, active).compose(written -> forget(host).map(written));
    });
  }

  private Future<Site> write(String host, KvEntry current, Site next) {
    Site versioned = next.withVersion(next.version() + 1);
    return store.put(keys.site(host), versioned.toJson().encode(), Preconditions.expected(current))
        .compose(v -> announcer.announce(KvChange.site(host, versioned.version())))
        .map(versioned);
  }

  private Future<Void> forget(String host) {
    schedule.remove(host);
    return store.removeFromSet(keys.pendingSites(), host);
  }
}
