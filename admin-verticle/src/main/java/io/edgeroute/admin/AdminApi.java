package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.config.TlsOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * Builds the admin API router (SPEC §7): health, {@code /openapi.json}, and the authenticated {@code /v1} resources.
 *
 * <p>Request bodies are checked by hand-written validators that mirror the document's schemas
 * ({@code RequestSchemasAgreementTest} holds the two together) rather than by vertx-openapi's
 * validation: they report every problem with its JSON pointer in one 422, check what a schema
 * cannot (host rules, private origins, table ownership), and vertx-openapi 5.0 refuses contracts
 * whose responses are {@code application/problem+json}.
 */
final class AdminApi {

  /** Request bodies over 1 MiB are refused with 413. */
  static final long BODY_LIMIT = 1024 * 1024;
  static final String OPENAPI = "/openapi.json";
  /** The OpenAPI 3.1 document, a classpath resource. */
  static final String OPENAPI_RESOURCE = "io/edgeroute/admin/openapi.json";

  private AdminApi() {
  }

  /**
   * @param openApi the OpenAPI document served at {@value #OPENAPI}
   * @param options the live admin options (tokens and allowPrivateOrigins change while running)
   */
  static Router create(Vertx vertx, KvStore store, KvKeys keys, Supplier<AdminOptions> options, Buffer openApi) {
    return create(vertx, store, keys, options, TlsOptions::new, openApi, Readiness.ofStore(vertx, store));
  }

  /** @param tls the live {@code tls} block: the key-encryption key certificate uploads are sealed with */
  static Router create(Vertx vertx, KvStore store, KvKeys keys, Supplier<AdminOptions> options,
                       Supplier<TlsOptions> tls, Buffer openApi) {
    return create(vertx, store, keys, options, tls, openApi, Readiness.ofStore(vertx, store));
  }

  /** @param readiness what {@code /health/ready} answers */
  static Router create(Vertx vertx, KvStore store, KvKeys keys, Supplier<AdminOptions> options, Buffer openApi,
                       Readiness readiness) {
    return create(vertx, store, keys, options, TlsOptions::new, openApi, readiness);
  }

  /**
   * @param tls       the live {@code tls} block: the key-encryption key certificate uploads are sealed with
   * @param readiness what {@code /health/ready} answers
   */
  static Router create(Vertx vertx, KvStore store, KvKeys keys, Supplier<AdminOptions> options,
                       Supplier<TlsOptions> tls, Buffer openApi, Readiness readiness) {
    Router router = Router.router(vertx);
    HealthRoutes.mount(router, readiness);
    router.get(OPENAPI).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(openApi));

    Authenticator auth = new Authenticator(store, keys, options);
    router.route("/v1/*")
        .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(auth::handle);

    TokenService tokens = new TokenService(store, keys);
    TableService tables = new TableService(store, keys);
    Announcer announcer = new Announcer(vertx, store);
    SiteReads siteReads = new SiteReads(store, keys);
    new SiteRoutes(announcer, new SiteWrites(store, announcer, keys, options), siteReads).mount(router);
    new CertificateRoutes(new CertificateService(store, keys, siteReads, announcer, tls)).mount(router);
    HostVerifier verifier = new HostVerifier(vertx, store, keys, announcer, siteReads,
        () -> options.get().getVerification());
    new VerificationRoutes(verifier).mount(router);
    // Pending sites are checked in the background (SPEC §7); the timer ends with the verticle.
    verifier.start();
    new TableRoutes(tables, new EntryService(store, announcer, keys, tables, options)).mount(router);
    new TenantRoutes(new TenantService(store, keys, tokens), tokens).mount(router);

    router.route().failureHandler(ProblemResponder::handle);
    router.errorHandler(404, ProblemResponder::handle);
    router.errorHandler(405, new AllowedMethods(router)::handle);
    return router;
  }
}
