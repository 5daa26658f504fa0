package io.edgeroute.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/sites/{host}/certificate}: HTTP in and out; the work is in {@link CertificateService}. */
final class CertificateRoutes {

  static final String CERTIFICATE = "/v1/sites/:host/certificate";

  private final CertificateService certificates;

  CertificateRoutes(CertificateService certificates) {
    this.certificates = certificates;
  }

  void mount(Router router) {
    router.put(CERTIFICATE).handler(this::put);
    router.get(CERTIFICATE).handler(this::get);
    router.delete(CERTIFICATE).handler(this::delete);
  }

  private void put(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      return certificates.put(caller, host, JsonBodies.object(ctx))
          .onSuccess(meta -> AuditLog.write(caller, "PUT", ctx.request().path(), host, meta.getLong("version") - 1,
              meta.getLong("version")));
    }, meta -> Responses.json(ctx, 200, meta));
  }

  private void get(RoutingContext ctx) {
    Async.respond(ctx, () -> certificates.get(Caller.of(ctx), Responses.host(ctx)), meta -> Responses.json(ctx, 200, meta));
  }

  private void delete(RoutingContext ctx) {
    Async.respond(ctx, () -> {
      String host = Responses.host(ctx);
      Caller caller = Caller.of(ctx);
      return certificates.delete(caller, host)
          .onSuccess(v -> AuditLog.write(caller, "DELETE", ctx.request().path(), host, 0, 0));
    }, v -> Responses.noContent(ctx));
  }
}
