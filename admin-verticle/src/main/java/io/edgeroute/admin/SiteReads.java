package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reading one site and listing sites page by page. */
final class SiteReads {

  private final KvStore store;
  private final KvKeys keys;

  SiteReads(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** @return the stored site, or {@code null} when absent */
  static Site parse(KvEntry entry) {
    return entry == null ? null : Site.fromJson(new JsonObject(entry.value()));
  }

  /** @return the {@code tenant} of a stored site document, {@code null} when absent or unreadable */
  static String tenantOf(KvEntry entry) {
    if (entry == null) {
      return null;
    }
    try {
      return new JsonObject(entry.value()).getValue("tenant") instanceof String tenant ? tenant : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The same answer for absent and for another tenant's: a tenant learns nothing of what exists. */
  static ApiFailure notFound(String host) {
    return ApiFailure.notFound("no site " + host);
  }

  /** @return a future completed with the site, failed with 404 when absent or not the caller's */
  Future<Site> get(Caller caller, String host) {
    return store.get(keys.site(host)).compose(entry -> {
      Site site = parse(entry);
      return site == null || !caller.sees(site.tenant())
          ? Future.failedFuture(notFound(host)) : Future.succeededFuture(site);
    });
  }

  /**
   * One page of the sites the caller sees: the operator scans every site key (the cursor is the
   * store's scan cursor); a tenant walks its sorted {@code tenant-sites} set (the cursor is the
   * last host of the previous page). Members whose site is absent or another tenant's (left by an
   * interrupted write) are skipped, so a page may hold fewer than {@code limit} items.
   */
  Future<Page> list(Caller caller, String cursor, int limit) {
    if (caller.isOperator()) {
      return KeyPages.scan(store, keys.sitePrefix(), cursor, limit)
          .compose(page -> load(caller, page.keys().stream().map(keys::hostOf).toList())
              .map(items -> new Page(items, page.next())));
    }
    return store.members(keys.tenantSites(caller.tenant())).compose(hosts -> {
      List<String> after = cursor == null ? hosts : hosts.stream().filter(h -> h.compareTo(cursor) > 0).toList();
      List<String> slice = after.subList(0, Math.min(limit, after.size()));
      String next = after.size() > slice.size() ? slice.get(slice.size() - 1) : null;
      return load(caller, slice).map(items -> new Page(items, next));
    });
  }

  private Future<List<JsonObject>> load(Caller caller, List<String> hosts) {
    return KeyPages.readAll(store, hosts.stream().map(h -> keys.site(h)).toList()).map(entries -> entries.stream()
        .map(SiteReads::parse)
        .filter(site -> caller.sees(site.tenant()))
        .map(Site::toJson)
        .toList());
  }
}
