package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvConflictException;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.Tenant;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Tenants ({@code tenant:<name>}), operator only. */
final class TenantService {

  private final KvStore store;
  private final KvKeys keys;
  private final TokenService tokens;

  TenantService(KvStore store, KvKeys keys, TokenService tokens) {
    this.store = store;
    this.keys = keys;
    this.tokens = tokens;
  }

  static ApiFailure notFound(String name) {
    return ApiFailure.notFound("no tenant " + name);
  }

  /** @return a future completed with the tenant, failed with 404 when absent */
  Future<Tenant> get(String name) {
    return store.get(keys.tenant(name)).compose(entry -> entry == null
        ? Future.failedFuture(notFound(name))
        : Future.succeededFuture(Tenant.fromJson(new JsonObject(entry.value()))));
  }

  /**
   * PUT: creates the tenant (created now) or, when it exists, leaves it as it is: a tenant has no
   * field a client may change. The body must be empty or {@code {}} (or repeat {@code name}).
   *
   * @return a future completed with the tenant and whether it was created
   */
  Future<Written> put(String name, JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!field.equals("name") || !name.equals(body.getValue("name"))) {
        return Future.failedFuture(ApiFailure.invalid("/" + field,
            field.equals("name") ? "must equal the tenant in the path" : "unknown field"));
      }
    }
    Tenant created = Tenant.create(name, Instant.now());
    return store.put(keys.tenant(name), created.toJson().encode(), KvStore.ABSENT)
        .map(v -> new Written(created.toJson(), 0, 0, true))
        .recover(e -> e instanceof KvConflictException
            ? get(name).map(t -> new Written(t.toJson(), 0, 0, false))
            : Future.failedFuture(e));
  }

  /**
   * DELETE: refused with 409 while the tenant owns a site (a member of {@code tenant-sites} whose
   * site key really names it: dangling members do not count). Revokes its tokens first, so that a
   * failure half-way leaves a tenant without tokens rather than tokens without a tenant.
   */
  Future<Void> delete(String name) {
    return get(name)
        .compose(t -> ownedSites(name))
        .compose(owned -> owned.isEmpty()
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiFailure.conflict("tenant " + name + " still owns " + owned.size() + " site(s), e.g. " + owned.get(0))))
        .compose(v -> tokens.revokeAll(name))
        .compose(v -> store.delete(keys.tenant(name), KvStore.ANY_VERSION))
        .mapEmpty();
  }

  /** @return one page of tenants; the cursor is the store's scan cursor */
  Future<Page> list(String cursor, int limit) {
    return KeyPages.scan(store, keys.tenantPrefix(), cursor, limit).compose(page ->
        KeyPages.readAll(store, page.keys())
            .map(entries -> new Page(entries.stream().map(e -> new JsonObject(e.value())).toList(), page.next())));
  }

  private Future<List<String>> ownedSites(String name) {
    return store.members(keys.tenantSites(name))
        .compose(hosts -> KeyPages.readAll(store, hosts.stream().map(h -> keys.site(h)).toList()))
        .map(entries -> entries.stream().map(SiteReads::parse)
            .filter(site -> name.equals(site.tenant()))
            .map(Site::host).toList());
  }
}
