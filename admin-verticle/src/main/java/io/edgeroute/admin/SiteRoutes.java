package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/sites}: HTTP in and out; the work is in {@link SiteWrites} and {@link SiteReads}. */
final class SiteRoutes {

  static final String SITES = "/v1/sites";
  static final String SITE = "/v1/sites/:host";
  static final String PURGE = "/v1/sites/:host/purge";

  private final Announcer announcer;
  private final SiteWrites writes;
  private final SiteReads reads;

  SiteRoutes(Announcer announcer, SiteWrites writes, SiteReads reads) {
    this.announcer = announcer;
    this.writes = writes;
    this.reads = reads;
  }

  void mount(Router router) {
    router.get(SITES).handler(this::list);
    router.put(SITE).handler(this::put);
    router.get(SITE).handler(this::get);
    router.patch(SITE).handler(this::patch);
    router.delete(SITE).handler(this::delete);
    router.post(PURGE).handler(this::purge);
  }

  private void list(RoutingContext ctx) {
    Async.respond(ctx, () -> reads.list(Caller.of(ctx), Responses.cursor(ctx), Responses.limit(ctx)),
        page -> Responses.json(ctx, 200, page.toJson()));
  }

  private void get(RoutingContext ctx) {
    Async.respond(ctx, () -> reads.show(Caller.of(ctx), Responses.host(ctx)), stored -> Responses.versioned(ctx, 200,
        SiteReads.show(Responses.host(ctx), stored), stored.broken() != null ? stored.broken().version() : stored.document().version()));
  }

  private void put(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      return writes.put(caller, host, JsonBodies.object(ctx), Preconditions.of(ctx.request()))
          .onSuccess(w -> AuditLog.write(caller, "PUT", ctx.request().path(), host, w.oldVersion(), w.version()));
    }, written -> Responses.written(ctx, written));
  }

  private void patch(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      return writes.patch(caller, host, JsonBodies.object(ctx), Preconditions.of(ctx.request()))
          .onSuccess(w -> AuditLog.write(caller, "PATCH", ctx.request().path(), host, w.oldVersion(), w.version()));
    }, written -> Responses.written(ctx, written));
  }

  private void delete(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      return writes.delete(caller, host, Preconditions.of(ctx.request()))
          .onSuccess(old -> AuditLog.write(caller, "DELETE", ctx.request().path(), host, old, 0));
    }, old -> Responses.noContent(ctx));
  }

  /**
   * 202: the purge is announced like any write (clustered event bus and change channel); every
   * node's response cache applies it once, whichever copy arrives first. A whole-site
   * purge first bumps {@code cacheGeneration} so that even a node that misses the message stops
   * serving the old objects once it rereads the site.
   */
  private void purge(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      PurgeSpec spec = PurgeRequests.parse(JsonBodies.object(ctx));
      Future<Long> version = spec.all()
          ? writes.bumpGeneration(caller, host)
          : reads.get(caller, host).map(site -> site.version());
      return version.compose(v -> announcer.announce(KvChange.purge(host, v, spec)).map(v))
          .onSuccess(v -> AuditLog.write(caller, "POST", ctx.request().path(), host, spec.all() ? v - 1 : v, v))
          .map(v -> new JsonObject().put("host", host).mergeIn(spec.toJson()));
    }, accepted -> Responses.json(ctx, 202, accepted));
  }
}
