package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvConflictException;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.HostVerification;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.validation.SiteValidator;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creating, replacing, patching and deleting sites (SPEC §7).
 *
 * <p>A site write touches keys in different Redis Cluster slots, so each step is one single-key
 * command, in this order:
 * <ol>
 *   <li>{@code addToSet tenant-sites:<tenant>} (idempotent; only used for listing);</li>
 *   <li>compare-and-set of {@code site:<host>}: this is the host's ownership claim and the only
 *       thing the router reads. There is no separate claim key: the CAS against the version read
 *       (ABSENT for a create) is what makes exactly one of two racing tenants win;</li>
 *   <li>publish the site change ({@link Announcer}).</li>
 * </ol>
 * A failure after step 1 leaves at most a set member without a site of that tenant: listings and
 * the tenant-delete check skip it, nothing routes, and the next write of the host repairs it (the
 * same tenant completes the write; another tenant's 409 path removes its own stale member; a
 * delete that finds no site removes it). A delete runs the other way round: the site key first,
 * then the member. Creating a host first claims it in its zone ({@link WildcardClaims}: wildcard
 * ownership). A write that loses a compare-and-set re-reads and tries again unless the client
 * pinned a version with {@code If-Match}, in which case it is a 412.
 */
final class SiteWrites {

  /**
   * How often a write that lost a compare-and-set (and pinned no version) re-reads and tries again.
   * Each loss means another writer of that key succeeded and is done, so a writer loses at most
   * once per concurrent writer: 100 attempts make a burst of up to 100 writers of one key all land
   * (the acceptance race is 100) instead of answering 409 "retry". Beyond that the client retries.
   */
  static final int ATTEMPTS = 100;

  private final KvStore store;
  private final Announcer announcer;
  private final KvKeys keys;
  private final Supplier<AdminOptions> options;
  private final Ownership ownership;
  private final WildcardClaims claims;

  SiteWrites(KvStore store, Announcer announcer, KvKeys keys, Supplier<AdminOptions> options) {
    this.store = store;
    this.announcer = announcer;
    this.keys = keys;
    this.options = options;
    this.ownership = new Ownership(store, keys);
    this.claims = new WildcardClaims(store, keys, System::currentTimeMillis);
  }

  /** PUT: creates or replaces the whole site. @return a future completed with what was written */
  Future<Written> put(Caller caller, String host, JsonObject body, Preconditions pre) {
    return write(caller, host, pre, true, old -> body);
  }

  /** PATCH (RFC 7396) of an existing site. @return a future completed with what was written */
  Future<Written> patch(Caller caller, String host, JsonObject patch, Preconditions pre) {
    return write(caller, host, pre, false, old -> (JsonObject) MergePatch.apply(old.toJson(), patch));
  }

  /** DELETE. @return a future completed with the deleted version */
  Future<Long> delete(Caller caller, String host, Preconditions pre) {
    return retrying(pre, () -> attemptDelete(caller, host, pre))
        .compose(version -> announcer.announce(KvChange.site(host, version + 1)).map(version));
  }

  private Future<Written> write(Caller caller, String host, Preconditions pre, boolean mayCreate,
                                Function<Site, JsonObject> docFor) {
    return retrying(pre, () -> attemptWrite(caller, host, pre, mayCreate, docFor))
        .compose(w -> announcer.announce(KvChange.site(host, w.version())).map(w));
  }

  private Future<Written> attemptWrite(Caller caller, String host, Preconditions pre, boolean mayCreate,
                                       Function<Site, JsonObject> docFor) {
    return store.get(keys.site(host)).compose(current -> {
      BrokenDocument.Stored<Site> stored = SiteReads.read(current);
      // A broken document has no content to merge a patch into, but a PUT replaces it.
      Site old = stored == null ? null : stored.document();
      if (!mayCreate) {
        if (!SiteReads.sees(caller, stored)) {
          return Future.failedFuture(SiteReads.notFound(host));
        }
        if (old == null) {
          return Future.failedFuture(stored.broken().unreadable("site " + host));
        }
        pre.check(current);
      }
      JsonObject doc = docFor.apply(old);
      return check(caller, doc).compose(tenant -> {
        String owner = SiteReads.ownerOf(stored);
        // A document so broken that it names no tenant is the operator's to replace.
        boolean orphan = stored != null && owner == null && caller.isOperator();
        if (stored != null && !tenant.equals(owner) && !orphan) {
          // The host is taken (409 comes before any precondition: the other tenant's version is
          // none of the caller's business). A member may dangle from an earlier failed create of
          // this tenant: repair it.
          return store.removeFromSet(keys.tenantSites(tenant), host)
              .compose(v -> Future.failedFuture(ApiFailure.conflict("host " + host + " belongs to another tenant")));
        }
        if (mayCreate) {
          // A PATCH checked it before building the document.
          pre.check(current);
        }
        long oldVersion = current == null ? 0 : current.version();
        Site parsed = Site.fromJson(doc);
        Site next = parsed.withHost(host).withTenant(tenant)
            .withSiteId(old == null ? Secrets.id() : old.siteId())
            .withVersion(oldVersion + 1)
            .withCacheGeneration(old == null ? 0 : old.cacheGeneration())
            .withTenantOrigins(TenantOrigins.setByTenant(caller, old == null ? null : old.tenantOrigins()
                && Objects.equals(old.origin(), parsed.origin()) && old.routes().equals(parsed.routes())))
            // Server-set: a client cannot declare its own ownership proven (SPEC §7).
            .withStatus(old != null ? old.status() : proofRequired(caller) ? Site.PENDING : Site.ACTIVE)
            .withVerification(old != null ? old.verification() : proofRequired(caller) ? HostVerification.create() : null);
        JsonObject written = next.toJson();
        // Creating a host claims it against the wildcard one level up (or, for a wildcard, against
        // the hosts under it) before anything else is written.
        Future<Void> claimed = stored == null ? claims.claim(host, tenant) : Future.succeededFuture();
        return claimed
            .compose(v -> next.active() ? Future.<Void>succeededFuture() : store.addToSet(keys.pendingSites(), host))
            .compose(v -> store.addToSet(keys.tenantSites(tenant), host))
            .compose(v -> store.put(keys.site(host), written.encode(), Preconditions.expected(current)))
            .map(v -> new Written(written, next.version(), oldVersion, stored == null));
      });
    });
  }

  private Future<Long> attemptDelete(Caller caller, String host, Preconditions pre) {
    return store.get(keys.site(host)).compose(current -> {
      BrokenDocument.Stored<Site> stored = SiteReads.read(current);
      if (!SiteReads.sees(caller, stored)) {
        // A member left by a failed delete is repaired by the next delete of that host.
        Future<Void> repair = caller.isOperator()
            ? Future.succeededFuture() : store.removeFromSet(keys.tenantSites(caller.tenant()), host);
        return repair.compose(v -> Future.failedFuture(SiteReads.notFound(host)));
      }
      pre.check(current);
      String owner = SiteReads.ownerOf(stored);
      return store.delete(keys.site(host), Preconditions.expected(current))
          .compose(v -> owner == null ? Future.<Void>succeededFuture() : store.removeFromSet(keys.tenantSites(owner), host)
              .compose(r -> claims.releaseWildcard(host, owner)))
          // Its certificate goes with it: a later owner of the host must not be served a key the
          // previous one holds. Routers stop serving it on the site change already.
          .compose(v -> store.delete(keys.cert(host), KvStore.ANY_VERSION))
          .map(v -> current.version());
    });
  }

  /**
   * Bumps {@code cacheGeneration} (a whole-site purge) with a compare-and-set, then publishes a site change.
   *
   * @return a future completed with the site's new version
   */
  Future<Long> bumpGeneration(Caller caller, String host) {
    return retrying(Preconditions.NONE, () -> attemptBump(caller, host))
        .compose(version -> announcer.announce(KvChange.site(host, version)).map(version));
  }

  private Future<Long> attemptBump(Caller caller, String host) {
    return store.get(keys.site(host)).compose(current -> {
      if (!SiteReads.sees(caller, SiteReads.read(current))) {
        return Future.failedFuture(SiteReads.notFound(host));
      }
      Site old = SiteReads.parse(current);
      Site next = old.withVersion(old.version() + 1).withCacheGeneration(old.cacheGeneration() + 1);
      return store.put(keys.site(host), next.toJson().encode(), Preconditions.expected(current)).map(v -> next.version());
    });
  }

  /** A tenant's new site proves its host when {@code admin.hostVerification} asks; an operator's never does. */
  private boolean proofRequired(Caller caller) {
    return !caller.isOperator() && options.get().getVerification().required();
  }

  /** Validates the document and the tenant and table it names. @return the owning tenant */
  private Future<String> check(Caller caller, JsonObject doc) {
    boolean allowPrivate = caller.isOperator() || options.get().isAllowPrivateOrigins();
    List<ValidationProblem> problems = new SiteValidator(allowPrivate).validate(doc);
    if (!problems.isEmpty()) {
      return Future.failedFuture(ApiFailure.invalid(problems));
    }
    JsonObject dispatch = doc.getJsonObject("dispatch");
    return ownership.tenantFor(caller, doc).compose(tenant -> dispatch == null
        ? Future.succeededFuture(tenant)
        : ownership.requireOwnTable(dispatch.getString("table"), tenant, "/dispatch/table").map(tenant));
  }

  /**
   * Runs {@code once} (a read, then a compare-and-set) again while it loses to another writer, up
   * to {@link #ATTEMPTS} times, unless the client pinned a version.
   *
   * @return what the attempt that landed completed with; a lost race mapped by {@link #lostRace}
   */
  static <T> Future<T> retrying(Preconditions pre, Supplier<Future<T>> once) {
    return retrying(pre, ATTEMPTS, once);
  }

  private static <T> Future<T> retrying(Preconditions pre, int attempts, Supplier<Future<T>> once) {
    return once.get().recover(e -> e instanceof KvConflictException && pre.retryable() && attempts > 1
        ? retrying(pre, attempts - 1, once)
        : Future.failedFuture(lostRace(e, pre)));
  }

  /** A compare-and-set lost against a version the client pinned is a failed precondition. */
  static Throwable lostRace(Throwable e, Preconditions pre) {
    if (e instanceof KvConflictException && !pre.retryable()) {
      return ApiFailure.preconditionFailed("the resource changed; fetch it again and resend with its ETag");
    }
    return e;
  }
}
