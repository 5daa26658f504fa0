package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.TableEntry;
import io.edgeroute.shared.model.validation.EntryValidator;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/** Entries of a dispatch table ({@code entry:<table>:<id>}); only the table's tenant (or the operator) sees them. */
final class EntryService {

  private final KvStore store;
  private final Announcer announcer;
  private final KvKeys keys;
  private final TableService tables;
  private final Supplier<AdminOptions> options;

  EntryService(KvStore store, Announcer announcer, KvKeys keys, TableService tables, Supplier<AdminOptions> options) {
    this.store = store;
    this.announcer = announcer;
    this.keys = keys;
    this.tables = tables;
    this.options = options;
  }

  /** @return a future completed with the entry or what breaks it, failed with 404 when it or its table is not the caller's */
  Future<BrokenDocument.Stored<TableEntry>> get(Caller caller, String table, String id) {
    return tables.get(caller, table).compose(t -> store.get(keys.entry(table, id))).compose(entry -> entry == null
        ? Future.failedFuture(notFound(table, id))
        : Future.succeededFuture(read(entry)));
  }

  /** An entry is broken when it is no JSON object, breaks the entry rules or cannot be read as an entry. */
  private static BrokenDocument.Stored<TableEntry> read(KvEntry entry) {
    return BrokenDocument.read(entry,
        json -> BrokenDocument.withoutUnknownFields(new EntryValidator(true).validate(json)), TableEntry::fromJson);
  }

  /** PUT: creates or replaces an entry, then publishes an entry change. @return what was written */
  Future<Written> put(Caller caller, String table, String id, JsonObject body, Preconditions pre) {
    return tables.get(caller, table).compose(t -> {
      List<ValidationProblem> problems =
          new EntryValidator(caller.isOperator() || options.get().isAllowPrivateOrigins()).validate(body);
      return problems.isEmpty()
          ? SiteWrites.retrying(pre, () -> attemptPut(caller, table, id, body, pre))
          : Future.failedFuture(ApiFailure.invalid(problems));
    }).compose(w -> announcer.announce(KvChange.entry(table, id, w.version())).map(w));
  }

  /** DELETE, then publishes an entry change. @return a future completed with the deleted version */
  Future<Long> delete(Caller caller, String table, String id, Preconditions pre) {
    return tables.get(caller, table).compose(t -> SiteWrites.retrying(pre, () -> attemptDelete(table, id, pre)))
        .compose(old -> announcer.announce(KvChange.entry(table, id, old + 1)).map(old));
  }

  /** @return one page of the table's entries, each with its {@code id}; the cursor is the store's scan cursor */
  Future<Page> list(Caller caller, String table, String cursor, int limit) {
    String prefix = keys.entryPrefix(table);
    return tables.get(caller, table).compose(t -> KeyPages.scan(store, prefix, cursor, limit)).compose(page ->
        KeyPages.readAll(store, page.keys()).map(entries -> new Page(entries.stream().map(e -> {
          String id = e.key().substring(prefix.length());
          BrokenDocument.Stored<TableEntry> stored = read(e);
          return stored.broken() != null ? stored.broken().toJson("id", id) : stored.document().toJson().put("id", id);
        }).toList(), page.next())));
  }

  private Future<Written> attemptPut(Caller caller, String table, String id, JsonObject body, Preconditions pre) {
    return store.get(keys.entry(table, id)).compose(current -> {
      pre.check(current);
      long oldVersion = current == null ? 0 : current.version();
      TableEntry old = current == null ? null : read(current).document();
      TableEntry parsed = TableEntry.fromJson(body);
      TableEntry next = parsed.withVersion(oldVersion + 1).withTenantOrigins(TenantOrigins.setByTenant(caller,
          old == null ? null : old.tenantOrigins() && old.origin().equals(parsed.origin())));
      return store.put(keys.entry(table, id), next.toJson().encode(), Preconditions.expected(current))
          .map(v -> new Written(next.toJson().put("id", id), next.version(), oldVersion, current == null));
    });
  }

  private Future<Long> attemptDelete(String table, String id, Preconditions pre) {
    return store.get(keys.entry(table, id)).compose(current -> {
      if (current == null) {
        return Future.failedFuture(notFound(table, id));
      }
      pre.check(current);
      return store.delete(keys.entry(table, id), Preconditions.expected(current)).map(v -> current.version());
    });
  }

  private static ApiFailure notFound(String table, String id) {
    return ApiFailure.notFound("no entry " + id + " in table " + table);
  }
}
