package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.validation.SiteValidator;
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

  /**
   * A stored site is broken when it is no JSON object, breaks the rules a client's document must
   * meet (CRLF in {@code origin.path}...) or cannot be turned into a {@link Site}.
   *
   * @return the stored site or what breaks it; {@code null} when absent
   */
  static BrokenDocument.Stored<Site> read(KvEntry entry) {
    return BrokenDocument.read(entry,
        json -> BrokenDocument.withoutUnknownFields(new SiteValidator(true).validate(json)), Site::fromJson);
  }

  /**
   * @return the stored site, or {@code null} when absent
   * @throws ApiFailure 409 when it is stored broken: the caller needs its content, and only a PUT replaces it
   */
  static Site parse(KvEntry entry) {
    BrokenDocument.Stored<Site> stored = read(entry);
    if (stored == null) {
      return null;
    }
    if (stored.broken() != null) {
      throw stored.broken().unreadable("site " + entry.key());
    }
    return stored.document();
  }

  /** @return the tenant of a stored site, read or broken; {@code null} when absent or unreadable */
  static String ownerOf(BrokenDocument.Stored<Site> stored) {
    return stored == null ? null : stored.broken() != null ? stored.broken().tenant() : stored.document().tenant();
  }

  /** @return whether {@code caller} sees the stored site (absent: no) */
  static boolean sees(Caller caller, BrokenDocument.Stored<Site> stored) {
    return stored != null && (stored.broken() != null ? stored.broken().seenBy(caller) : caller.sees(stored.document().tenant()));
  }

  /** The JSON a GET or a listing shows: the site, or the broken document with its problems. */
  static JsonObject show(String host, BrokenDocument.Stored<Site> stored) {
    return stored.broken() != null ? stored.broken().toJson("host", host) : stored.document().toJson();
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

  /** @return a future completed with the site, failed with 404 when absent or not the caller's, 409 when broken */
  Future<Site> get(Caller caller, String host) {
    return show(caller, host).compose(stored -> stored.broken() != null
        ? Future.failedFuture(stored.broken().unreadable("site " + host)) : Future.succeededFuture(stored.document()));
  }

  /** @return a future completed with the site or what breaks it, failed with 404 when absent or not the caller's */
  Future<BrokenDocument.Stored<Site>> show(Caller caller, String host) {
    return store.get(keys.site(host)).compose(entry -> {
      BrokenDocument.Stored<Site> stored = read(entry);
      return sees(caller, stored) ? Future.succeededFuture(stored) : Future.failedFuture(notFound(host));
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
    // A broken document is listed with its problems, so one bad key never fails the whole page.
    return KeyPages.readAll(store, hosts.stream().map(h -> keys.site(h)).toList()).map(entries -> entries.stream()
        .filter(entry -> sees(caller, read(entry)))
        .map(entry -> show(keys.hostOf(entry.key()), read(entry)))
        .toList());
  }
}
