package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.testing.KvBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The document at {@code /openapi.json}: a valid OpenAPI 3.1 contract describing exactly the routes served. */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class OpenApiDocumentTest extends AdminApiTestBase {

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return KvBackends.MEMORY.open(vertx, KEYS);
  }

  /**
   * Validates the served document against the OpenAPI 3.1 meta-schema (JSON Schema 2020-12) with
   * vertx-openapi's own validator, and resolves every {@code $ref}. Not {@code OpenAPIContract.from}
   * as a whole: after validating, it builds a request-routing model that refuses response media
   * types it cannot parse, and RFC 9457 {@code application/problem+json} is one of them.
   */
  @Test
  void servedDocumentIsAValidOpenApi31Contract(Vertx vertx, VertxTestContext ctx) {
    call(HttpMethod.GET, AdminApi.OPENAPI, null, null)
        .map(r -> expect(200, r).bodyAsJsonObject())
        .compose(doc -> {
          OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
          assertEquals(OpenAPIVersion.V3_1, version);
          return version.getRepository(vertx, "app:///").compose(repo -> version.validateContract(vertx, repo, doc)
              .map(result -> {
                assertTrue(result.getValid(), () -> String.valueOf(result.getErrors()));
                return result;
              })
              // The validator does refuse a broken contract, so the pass above means something.
              .compose(valid -> version.validateContract(vertx, repo, doc.copy().put("info", "none")))
              .map(broken -> {
                assertFalse(broken.getValid());
                return broken;
              })
              .compose(broken -> version.resolve(vertx, repo, doc)));
        })
        .onComplete(ctx.succeeding(resolved -> ctx.verify(() -> {
          assertTrue(resolved.getJsonObject("paths").size() >= 13);
          ctx.completeNow();
        })));
  }

  /** Every method and path the router answers is in the document, and the document describes nothing else. */
  @Test
  void documentListsEveryRouteTheServerAnswers(Vertx vertx, VertxTestContext ctx) {
    vertx.fileSystem().readFile(AdminApi.OPENAPI_RESOURCE).onComplete(ctx.succeeding(openApi -> ctx.verify(() -> {
      Router router = AdminApi.create(vertx, store, KEYS, AdminOptions::new, openApi);
      assertEquals(served(router), documented(openApi.toJsonObject()));
      ctx.completeNow();
    })));
  }

  private static Set<String> served(Router router) {
    Set<String> served = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // the body handler, authentication and failure handlers match everything
      }
      String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
      route.methods().forEach(m -> served.add(m.name() + " " + path));
    }
    return served;
  }

  private static Set<String> documented(JsonObject doc) {
    Set<String> documented = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String key : paths.getJsonObject(path).fieldNames()) {
        if (Set.of("get", "put", "post", "patch", "delete", "head", "options").contains(key)) {
          documented.add(key.toUpperCase() + " " + path);
        }
      }
    }
    return documented;
  }

  @Test
  void documentIsServedWithoutAToken(VertxTestContext ctx) {
    call(HttpMethod.GET, AdminApi.OPENAPI, null, null).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals("application/json", expect(200, r).getHeader("Content-Type"));
      assertEquals("3.1.0", r.bodyAsJsonObject().getString("openapi"));
      ctx.completeNow();
    })));
  }
}
