package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7: a document in the KV that cannot be read never makes the API answer 500; it is listed
 * and shown with its problems, and a PUT replaces it. The broken documents are written straight
 * into the store, as a platform (or a bug) could.
 */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
abstract class BrokenDocumentsContractTest extends AdminApiTestBase {

  private static final String CRLF = "crlf.example.com";
  private static final String GARBAGE = "garbage.example.com";
  private static final String CRLF_SITE = "{\"host\":\"" + CRLF + "\",\"tenant\":\"alpha\",\"version\":3,"
      + "\"origin\":{\"url\":\"https://a.example.com\",\"path\":\"/a\\r\\nX-Injected: 1\"}}";

  private Future<Void> plant() {
    return store.put(KEYS.site(CRLF), CRLF_SITE, KvStore.ANY_VERSION)
        .compose(v -> store.addToSet(KEYS.tenantSites("alpha"), CRLF))
        .compose(v -> store.put(KEYS.site(GARBAGE), "{\"tenant\": \"alpha\", \"version\": 2, \"origin\": ", KvStore.ANY_VERSION));
  }

  @Test
  void brokenSitesAreListedAndShownWithTheirProblemsToWhoMaySeeThem(VertxTestContext ctx) {
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> plant().compose(v -> Future.all(List.of(
        call(HttpMethod.GET, "/v1/sites", OPERATOR, null),
        call(HttpMethod.GET, "/v1/sites", tokens.resultAt(0), null),
        call(HttpMethod.GET, "/v1/sites/" + CRLF, tokens.resultAt(0), null),
        call(HttpMethod.GET, "/v1/sites/" + CRLF, tokens.resultAt(1), null),
        call(HttpMethod.GET, "/v1/sites/" + GARBAGE, OPERATOR, null),
        call(HttpMethod.GET, "/v1/sites/" + GARBAGE, tokens.resultAt(0), null),
        call(HttpMethod.PATCH, "/v1/sites/" + CRLF, tokens.resultAt(0), new JsonObject().put("features", new JsonObject())),
        call(HttpMethod.POST, "/v1/sites/" + CRLF + "/purge", tokens.resultAt(0), new JsonObject().put("all", true))))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonArray everything = expect(200, all.resultAt(0)).bodyAsJsonObject().getJsonArray("items");
          assertEquals(2, everything.size());
          JsonArray alphas = expect(200, all.resultAt(1)).bodyAsJsonObject().getJsonArray("items");
          assertEquals(1, alphas.size());
          assertEquals(List.of("/origin/path"), pointers(alphas.getJsonObject(0)));
          HttpResponse<Buffer> shown = expect(200, all.resultAt(2));
          assertEquals("\"3\"", shown.getHeader("ETag"));
          assertEquals(CRLF, shown.bodyAsJsonObject().getString("host"));
          assertEquals(List.of("/origin/path"), pointers(shown.bodyAsJsonObject()));
          expect(404, all.resultAt(3));
          JsonObject garbage = expect(200, all.resultAt(4)).bodyAsJsonObject();
          assertEquals(List.of(""), pointers(garbage));
          assertTrue(garbage.getJsonArray("problems").getJsonObject(0).getString("detail").contains("JSON"));
          expect(404, all.resultAt(5));
          expect(409, all.resultAt(6));
          expect(409, all.resultAt(7));
          ctx.completeNow();
        })));
  }

  @Test
  void aPutReplacesABrokenSite(VertxTestContext ctx) {
    tenantToken("alpha").compose(alpha -> plant()
        .compose(v -> putSite(alpha, GARBAGE, site("https://a.example.com"))).map(r -> expect(409, r))
        .compose(r -> putSite(alpha, CRLF, site("https://a.example.com"), "If-Match", "\"3\"")).map(r -> expect(200, r))
        .compose(r -> putSite(OPERATOR, GARBAGE, site("https://a.example.com").put("tenant", "alpha"))).map(r -> expect(200, r))
        .compose(r -> call(HttpMethod.GET, "/v1/sites", alpha, null)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonArray items = expect(200, r).bodyAsJsonObject().getJsonArray("items");
          assertEquals(2, items.size());
          for (Object item : items) {
            assertEquals(null, ((JsonObject) item).getValue("problems"));
            assertEquals("alpha", ((JsonObject) item).getString("tenant"));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void brokenEntriesAreListedAndShownWithTheirProblemsAndAPutReplacesThem(VertxTestContext ctx) {
    String entryPath = "/v1/tables/stores/entries/bad";
    tenantToken("alpha").compose(alpha -> call(HttpMethod.PUT, "/v1/tables/stores", alpha, new JsonObject()).map(r -> expect(201, r))
        .compose(r -> store.put(KEYS.entry("stores", "bad"), "{\"origin\": {\"url\": \"ftp://x\"}, \"version\": 5}", KvStore.ANY_VERSION))
        .compose(v -> store.put(KEYS.entry("stores", "worse"), "[1,", KvStore.ANY_VERSION))
        .compose(v -> Future.all(call(HttpMethod.GET, "/v1/tables/stores/entries", alpha, null),
            call(HttpMethod.GET, entryPath, alpha, null)))
        .compose(both -> {
          JsonArray items = expect(200, both.<HttpResponse<Buffer>>resultAt(0)).bodyAsJsonObject().getJsonArray("items");
          assertEquals(2, items.size());
          items.forEach(item -> assertTrue(((JsonObject) item).containsKey("problems"), item.toString()));
          HttpResponse<Buffer> shown = expect(200, both.resultAt(1));
          assertEquals(List.of("/origin/url"), pointers(shown.bodyAsJsonObject()));
          assertEquals("\"5\"", shown.getHeader("ETag"));
          return call(HttpMethod.PUT, entryPath, alpha, site("https://b.example.com"), "If-Match", "\"5\"");
        }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(6L, expect(200, r).bodyAsJsonObject().getLong("version"));
          ctx.completeNow();
        })));
  }

  private static List<String> pointers(JsonObject shown) {
    return shown.getJsonArray("problems").stream().map(p -> ((JsonObject) p).getString("pointer")).toList();
  }
}
