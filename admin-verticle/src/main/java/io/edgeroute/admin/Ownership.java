package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Names;
import io.edgeroute.shared.model.Table;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Which tenant a written document belongs to, and whether the tenants and tables it names exist. */
final class Ownership {

  private final KvStore store;
  private final KvKeys keys;

  Ownership(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /**
   * The tenant a document is written for: a tenant token writes for its own tenant (a different
   * {@code tenant} in the body is refused rather than silently replaced); an operator must name an
   * existing tenant in the body.
   *
   * @return a future completed with the tenant, failed with a 422 {@link ApiFailure}
   */
  Future<String> tenantFor(Caller caller, JsonObject doc) {
    Object named = doc.getValue("tenant");
    if (!caller.isOperator()) {
      if (named != null && !caller.tenant().equals(named)) {
        return Future.failedFuture(ApiFailure.invalid("/tenant", "must be absent or your own tenant \"" + caller.tenant() + "\""));
      }
      return Future.succeededFuture(caller.tenant());
    }
    if (!(named instanceof String tenant) || !Names.isTenant(tenant)) {
      return Future.failedFuture(ApiFailure.invalid("/tenant", "is required with an operator token: the tenant that owns it"));
    }
    return store.get(keys.tenant(tenant)).compose(entry -> entry == null
        ? Future.failedFuture(ApiFailure.invalid("/tenant", "no tenant \"" + tenant + "\" exists"))
        : Future.succeededFuture(tenant));
  }

  /** @return a future failed with 422 at {@code pointer} unless {@code table} exists and belongs to {@code tenant} */
  Future<Void> requireOwnTable(String table, String tenant, String pointer) {
    return store.get(keys.table(table)).compose(entry -> {
      if (entry == null || !tenant.equals(Table.fromJson(new JsonObject(entry.value())).tenant())) {
        return Future.failedFuture(ApiFailure.invalid(pointer, "no table \"" + table + "\" of tenant \"" + tenant + "\""));
      }
      return Future.<Void>succeededFuture();
    });
  }
}
