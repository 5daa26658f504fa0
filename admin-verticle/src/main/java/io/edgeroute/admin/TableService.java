package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Table;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Dispatch table headers ({@code table:<table>}) and the {@code tenant-tables} sets. Same order as
 * sites: the set member is added before the table key is compare-and-set.
 */
final class TableService {

  private final KvStore store;
  private final KvKeys keys;
  private final Ownership ownership;

  TableService(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
    this.ownership = new Ownership(store, keys);
  }

  static ApiFailure notFound(String table) {
    return ApiFailure.notFound("no table " + table);
  }

  /** @return a future completed with the table, failed with 404 when absent or not the caller's */
  Future<Table> get(Caller caller, String name) {
    return store.get(keys.table(name)).compose(entry -> {
      Table table = parse(entry);
      return table == null || !caller.sees(table.tenant())
          ? Future.failedFuture(notFound(name)) : Future.succeededFuture(table);
    });
  }

  /** PUT {@code {}} (tenant token) or {@code {"tenant"}} (operator). @return what was written */
  Future<Written> put(Caller caller, String name, JsonObject body, Preconditions pre) {
    for (String field : body.fieldNames()) {
      if (!field.equals("tenant") && !field.equals("version")) {
        return Future.failedFuture(ApiFailure.invalid("/" + field, "unknown field"));
      }
    }
    return ownership.tenantFor(caller, body).compose(tenant -> SiteWrites.retrying(pre, () -> attempt(name, tenant, pre)));
  }

  private Future<Written> attempt(String name, String tenant, Preconditions pre) {
    return store.get(keys.table(name)).compose(current -> {
      Table old = parse(current);
      if (old != null && !old.tenant().equals(tenant)) {
        return store.removeFromSet(keys.tenantTables(tenant), name)
            .compose(v -> Future.failedFuture(ApiFailure.conflict("table " + name + " belongs to another tenant")));
      }
      pre.check(current);
      Table next = new Table(tenant, old == null ? 1 : old.version() + 1);
      JsonObject written = next.toJson();
      return store.addToSet(keys.tenantTables(tenant), name)
          .compose(v -> store.put(keys.table(name), written.encode(), Preconditions.expected(current)))
          .map(v -> new Written(written.put("name", name), next.version(), old == null ? 0 : old.version(), old == null));
    });
  }

  private static Table parse(KvEntry entry) {
    return entry == null ? null : Table.fromJson(new JsonObject(entry.value()));
  }
}
