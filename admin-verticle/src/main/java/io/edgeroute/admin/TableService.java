package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Table;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.edgeroute.shared.model.validation.ValidationProblem;
import java.util.List;

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

  /**
   * @return a future completed with the table, failed with 404 when absent or not the caller's, 409
   *     when its header is stored broken (its entries cannot be reached until a PUT replaces it)
   */
  Future<Table> get(Caller caller, String name) {
    return show(caller, name).compose(stored -> stored.broken() != null
        ? Future.failedFuture(stored.broken().unreadable("table " + name)) : Future.succeededFuture(stored.document()));
  }

  /** @return a future completed with the table or what breaks it, failed with 404 when absent or not the caller's */
  Future<BrokenDocument.Stored<Table>> show(Caller caller, String name) {
    return store.get(keys.table(name)).compose(entry -> {
      BrokenDocument.Stored<Table> stored = read(entry);
      return sees(caller, stored) ? Future.succeededFuture(stored) : Future.failedFuture(notFound(name));
    });
  }

  private static boolean sees(Caller caller, BrokenDocument.Stored<Table> stored) {
    return stored != null && (stored.broken() != null ? stored.broken().seenBy(caller) : caller.sees(stored.document().tenant()));
  }

  /** PUT {@code {}} (tenant token) or {@code {"tenant"}} (operator). @return what was written */
  Future<Written> put(Caller caller, String name, JsonObject body, Preconditions pre) {
    for (String field : body.fieldNames()) {
      if (!field.equals("tenant") && !field.equals("version")) {
        return Future.failedFuture(ApiFailure.invalid("/" + field, "unknown field"));
      }
    }
    return ownership.tenantFor(caller, body).compose(tenant -> SiteWrites.retrying(pre, () -> attempt(caller, name, tenant, pre)));
  }

  private Future<Written> attempt(Caller caller, String name, String tenant, Preconditions pre) {
    return store.get(keys.table(name)).compose(current -> {
      BrokenDocument.Stored<Table> stored = read(current);
      String owner = stored == null ? null : stored.broken() != null ? stored.broken().tenant() : stored.document().tenant();
      // A header so broken that it names no tenant is the operator's to replace.
      boolean orphan = stored != null && owner == null && caller.isOperator();
      if (stored != null && !tenant.equals(owner) && !orphan) {
        return store.removeFromSet(keys.tenantTables(tenant), name)
            .compose(v -> Future.failedFuture(ApiFailure.conflict("table " + name + " belongs to another tenant")));
      }
      pre.check(current);
      long oldVersion = current == null ? 0 : current.version();
      Table next = new Table(tenant, oldVersion + 1);
      JsonObject written = next.toJson();
      return store.addToSet(keys.tenantTables(tenant), name)
          .compose(v -> store.put(keys.table(name), written.encode(), Preconditions.expected(current)))
          .map(v -> new Written(written.put("name", name), next.version(), oldVersion, current == null));
    });
  }

  /** A table header is broken when it is no JSON object or names no tenant. */
  private static BrokenDocument.Stored<Table> read(KvEntry entry) {
    return BrokenDocument.read(entry, json -> json.getValue("tenant") instanceof String
        ? List.of() : List.of(new ValidationProblem("/tenant", "must be the owning tenant's name")), Table::fromJson);
  }
}
