package io.edgeroute.admin;

import io.edgeroute.shared.model.Names;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/tables}: table headers and their entries. */
final class TableRoutes {

  static final String TABLE = "/v1/tables/:table";
  static final String ENTRIES = "/v1/tables/:table/entries";
  static final String ENTRY = "/v1/tables/:table/entries/:id";

  private final TableService tables;
  private final EntryService entries;

  TableRoutes(TableService tables, EntryService entries) {
    this.tables = tables;
    this.entries = entries;
  }

  void mount(Router router) {
    router.put(TABLE).handler(this::putTable);
    router.get(TABLE).handler(this::getTable);
    router.get(ENTRIES).handler(this::listEntries);
    router.put(ENTRY).handler(this::putEntry);
    router.get(ENTRY).handler(this::getEntry);
    router.delete(ENTRY).handler(this::deleteEntry);
  }

  private static String table(RoutingContext ctx) {
    return Responses.name(ctx, "table", Names::isTable);
  }

  private static String id(RoutingContext ctx) {
    return Responses.name(ctx, "id", Names::isEntryId);
  }

  private void putTable(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      Caller caller = Caller.of(ctx);
      return tables.put(caller, table(ctx), JsonBodies.optionalObject(ctx), Preconditions.of(ctx.request()))
          .onSuccess(w -> AuditLog.write(caller, "PUT", ctx.request().path(), null, w.oldVersion(), w.version()));
    }, written -> Responses.written(ctx, written));
  }

  private void getTable(RoutingContext ctx) {
    Async.respond(ctx, () -> tables.show(Caller.of(ctx), table(ctx)), t -> Responses.versioned(ctx, 200,
        t.broken() != null ? t.broken().toJson("name", ctx.pathParam("table")) : t.document().toJson().put("name", ctx.pathParam("table")),
        t.broken() != null ? t.broken().version() : t.document().version()));
  }

  private void listEntries(RoutingContext ctx) {
    Async.respond(ctx, () -> entries.list(Caller.of(ctx), table(ctx), Responses.cursor(ctx), Responses.limit(ctx)),
        page -> Responses.json(ctx, 200, page.toJson()));
  }

  private void putEntry(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      Caller caller = Caller.of(ctx);
      return entries.put(caller, table(ctx), id(ctx), JsonBodies.object(ctx), Preconditions.of(ctx.request()))
          .onSuccess(w -> AuditLog.write(caller, "PUT", ctx.request().path(), null, w.oldVersion(), w.version()));
    }, written -> Responses.written(ctx, written));
  }

  private void getEntry(RoutingContext ctx) {
    Async.respond(ctx, () -> entries.get(Caller.of(ctx), table(ctx), id(ctx)), e -> Responses.versioned(ctx, 200,
        e.broken() != null ? e.broken().toJson("id", ctx.pathParam("id")) : e.document().toJson().put("id", ctx.pathParam("id")),
        e.broken() != null ? e.broken().version() : e.document().version()));
  }

  private void deleteEntry(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      Caller caller = Caller.of(ctx);
      return entries.delete(caller, table(ctx), id(ctx), Preconditions.of(ctx.request()))
          .onSuccess(old -> AuditLog.write(caller, "DELETE", ctx.request().path(), null, old, 0));
    }, old -> Responses.noContent(ctx));
  }
}
