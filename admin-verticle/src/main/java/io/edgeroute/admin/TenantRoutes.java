package io.edgeroute.admin;

import io.edgeroute.shared.model.Names;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/tenants}: operator only (a tenant token gets 403). */
final class TenantRoutes {

  static final String TENANTS = "/v1/tenants";
  static final String TENANT = "/v1/tenants/:tenant";
  static final String TOKENS = "/v1/tenants/:tenant/tokens";
  static final String TOKEN = "/v1/tenants/:tenant/tokens/:id";

  private final TenantService tenants;
  private final TokenService tokens;

  TenantRoutes(TenantService tenants, TokenService tokens) {
    this.tenants = tenants;
    this.tokens = tokens;
  }

  void mount(Router router) {
    router.get(TENANTS).handler(this::list);
    router.put(TENANT).handler(this::put);
    router.get(TENANT).handler(this::get);
    router.delete(TENANT).handler(this::delete);
    router.post(TOKENS).handler(this::mint);
    router.delete(TOKEN).handler(this::revoke);
  }

  private static String tenant(RoutingContext ctx) {
    Caller.of(ctx).requireOperator();
    return Responses.name(ctx, "tenant", Names::isTenant);
  }

  private void list(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      Caller.of(ctx).requireOperator();
      return tenants.list(Responses.cursor(ctx), Responses.limit(ctx));
    }, page -> Responses.json(ctx, 200, page.toJson()));
  }

  private void put(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String name = tenant(ctx);
      return tenants.put(name, JsonBodies.optionalObject(ctx)).onSuccess(w -> {
        if (w.created()) {
          AuditLog.write(Caller.of(ctx), "PUT", ctx.request().path(), null, 0, 0);
        }
      });
    }, w -> Responses.json(ctx, w.created() ? 201 : 200, w.document()));
  }

  private void get(RoutingContext ctx) {
    Async.respond(ctx, () -> tenants.get(tenant(ctx)), t -> Responses.json(ctx, 200, t.toJson()));
  }

  private void delete(RoutingContext ctx) {
    Async.respond(ctx, () -> tenants.delete(tenant(ctx))
            .onSuccess(v -> AuditLog.write(Caller.of(ctx), "DELETE", ctx.request().path(), null, 0, 0)),
        v -> Responses.noContent(ctx));
  }

  private void mint(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String name = tenant(ctx);
      return tenants.get(name).compose(t -> tokens.mint(name))
          .onSuccess(t -> AuditLog.write(Caller.of(ctx), "POST", ctx.request().path() + "/" + t.getString("id"), null, 0, 0));
    }, token -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      Responses.json(ctx, 201, token);
    });
  }

  private void revoke(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String name = tenant(ctx);
      String id = ctx.pathParam("id");
      return tokens.revoke(name, id).compose(found -> found
              ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ApiFailure.notFound("no token " + id)))
          .onSuccess(v -> AuditLog.write(Caller.of(ctx), "DELETE", ctx.request().path(), null, 0, 0));
    }, v -> Responses.noContent(ctx));
  }
}
