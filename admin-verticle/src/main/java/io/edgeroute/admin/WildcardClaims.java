package io.edgeroute.admin;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wildcard ownership (SPEC §7): a tenant may not create {@code x.p.q} under another tenant's
 * {@code *.p.q}, nor {@code *.p.q} while another tenant owns a host one level under {@code p.q}
 * (one level only: {@code a.b.c} falls under {@code *.b.c}, not under {@code *.c}).
 *
 * <p>The two keys involved ({@code site:x.p.q} and {@code site:*.p.q}) are different keys in
 * different Redis Cluster slots, so checking one and writing the other would let two tenants
 * racing on them both win. The protocol serialises them on one more key, {@code zone:p.q}
 * ({@link ZoneClaim}), with compare-and-set, before the site key is written:
 * <ul>
 *   <li>creating {@code x.p.q} records the tenant's claim in the zone, refused if another tenant
 *       owns or is creating {@code *.p.q};</li>
 *   <li>creating {@code *.p.q} records the wildcard claim, refused if another tenant owns a host
 *       under {@code p.q} or claimed one within {@link #GRACE}.</li>
 * </ul>
 * Whichever of two racing claims lands first on the zone key, the other sees it and is refused, so
 * a conflicting pair never routes, not even for a moment. A claim outlives its site (a delete, or a
 * write interrupted after the claim): a claim not backed by a site of that tenant is honoured for
 * {@link #GRACE} (long enough for any write in flight to land) and then released by the next
 * conflicting claim. A site a platform writes straight into the KV makes no claim; its wildcard is
 * still seen (the wildcard key is read directly), its plain hosts only through the tenant's set.
 */
final class WildcardClaims {

  /** How long a claim not backed by a site still blocks other tenants (a write in flight). */
  static final Duration GRACE = Duration.ofMinutes(1);
  /** A tenant's host claim older than this is renewed when it creates another host there. */
  static final Duration RENEW = Duration.ofSeconds(10);

  private final KvStore store;
  private final KvKeys keys;
  private final LongSupplier clock;

  WildcardClaims(KvStore store, KvKeys keys, LongSupplier clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  /** @return the parent zone of {@code host} ({@code *.p.q} and {@code x.p.q} → {@code p.q}), or {@code null} for none */
  static String zoneOf(String host) {
    if (HostNames.isWildcard(host)) {
      return host.substring(2);
    }
    String parent = HostNames.wildcardParent(host);
    return parent == null ? null : parent.substring(2);
  }

  /**
   * Claims {@code host} for {@code tenant} before it is created. Lost compare-and-sets on the zone
   * are retried here, so they never surface as the caller's 412.
   *
   * @return a future completed once claimed, failed with a 409 {@link ApiFailure} when another tenant holds it
   */
  Future<Void> claim(String host, String tenant) {
    String zone = zoneOf(host);
    if (zone == null) {
      return Future.succeededFuture();
    }
    return SiteWrites.retrying(Preconditions.NONE, () -> HostNames.isWildcard(host)
        ? claimWildcard(zone, tenant) : claimHost(host, zone, tenant));
  }

  /** Drops {@code tenant}'s wildcard claim after its {@code *.p.q} was deleted; failures are left to {@link #GRACE}. */
  Future<Void> releaseWildcard(String host, String tenant) {
    String zone = zoneOf(host);
    if (!HostNames.isWildcard(host) || zone == null) {
      return Future.succeededFuture();
    }
    return SiteWrites.retrying(Preconditions.NONE, () -> store.get(keys.zone(zone)).compose(current -> {
      ZoneClaim claim = ZoneClaim.parse(current);
      return tenant.equals(claim.wildcardTenant()) ? save(zone, current, claim.withWildcard(null, 0)) : Future.succeededFuture();
    })).otherwiseEmpty().mapEmpty();
  }

  private Future<Void> claimHost(String host, String zone, String tenant) {
    Future<KvEntry> zoneRead = store.get(keys.zone(zone));
    Future<KvEntry> wildcardRead = store.get(keys.site("*." + zone));
    return Future.all(zoneRead, wildcardRead).compose(both -> {
      ZoneClaim claim = ZoneClaim.parse(zoneRead.result());
      String wildcardOwner = SiteReads.tenantOf(wildcardRead.result());
      if (wildcardOwner != null && !wildcardOwner.equals(tenant)) {
        return Future.failedFuture(ApiFailure.conflict("host " + host + " is under *." + zone + " of another tenant"));
      }
      long now = clock.getAsLong();
      ZoneClaim next = claim;
      if (claim.wildcardTenant() != null && !claim.wildcardTenant().equals(tenant)) {
        if (wildcardOwner == null && now - claim.wildcardAt() < GRACE.toMillis()) {
          return Future.failedFuture(ApiFailure.conflict("another tenant is creating *." + zone + "; host " + host + " falls under it"));
        }
        next = next.withWildcard(null, 0);
      }
      Long since = claim.tenants().get(tenant);
      if (next == claim && since != null && now - since < RENEW.toMillis()) {
        return Future.succeededFuture();
      }
      return save(zone, zoneRead.result(), next.withTenant(tenant, now));
    });
  }

  private Future<Void> claimWildcard(String zone, String tenant) {
    Future<KvEntry> zoneRead = store.get(keys.zone(zone));
    return zoneRead.compose(current -> {
      ZoneClaim claim = ZoneClaim.parse(current);
      long now = clock.getAsLong();
      if (claim.wildcardTenant() != null && !claim.wildcardTenant().equals(tenant)
          && now - claim.wildcardAt() < GRACE.toMillis()) {
        return Future.failedFuture(ApiFailure.conflict("another tenant is creating *." + zone));
      }
      List<Future<ZoneClaim>> checks = new ArrayList<>();
      for (Map.Entry<String, Long> other : claim.tenants().entrySet()) {
        if (!other.getKey().equals(tenant)) {
          checks.add(hostUnder(other.getKey(), zone).compose(owned -> {
            if (owned != null) {
              return Future.failedFuture(ApiFailure.conflict("host " + owned + " under " + zone + " belongs to another tenant"));
            }
            return now - other.getValue() < GRACE.toMillis()
                ? Future.failedFuture(ApiFailure.conflict("another tenant is creating a host under " + zone + "; retry later"))
                : Future.succeededFuture(ZoneClaim.EMPTY);
          }));
        }
      }
      return Future.all(checks).compose(ok -> {
        ZoneClaim next = claim.withWildcard(tenant, now);
        for (String other : claim.tenants().keySet()) {
          if (!other.equals(tenant)) {
            next = next.withoutTenant(other);
          }
        }
        return save(zone, current, next);
      });
    });
  }

  /** @return a future completed with a host one level under {@code zone} that {@code tenant} owns, or {@code null} */
  private Future<String> hostUnder(String tenant, String zone) {
    String wildcard = "*." + zone;
    return store.members(keys.tenantSites(tenant)).compose(hosts -> {
      List<String> under = hosts.stream().filter(h -> !HostNames.isWildcard(h) && wildcard.equals(HostNames.wildcardParent(h))).toList();
      return KeyPages.readAll(store, under.stream().map(keys::site).toList());
    }).map(sites -> sites.stream().filter(e -> tenant.equals(SiteReads.tenantOf(e)))
        .map(e -> keys.hostOf(e.key())).findFirst().orElse(null));
  }

  private Future<Void> save(String zone, KvEntry current, ZoneClaim next) {
    JsonObject json = next.toJson();
    return store.put(keys.zone(zone), json.encode(), Preconditions.expected(current));
  }
}
