package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** What the API refuses before it writes anything, and how: RFC 9457 problems with the right status. */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
abstract class RequestRulesContractTest extends AdminApiTestBase {

  private static final String PATH = "/v1/sites/rules.example.com";

  private static HttpResponse<Buffer> problem(int status, HttpResponse<Buffer> r) {
    expect(status, r);
    assertEquals(ProblemResponder.PROBLEM_JSON, r.getHeader("Content-Type"));
    assertEquals(status, r.bodyAsJsonObject().getInteger("status"));
    if (status == 401) {
      assertEquals("Bearer realm=\"edgeroute\"", r.getHeader("WWW-Authenticate"), "every 401 carries the challenge");
    }
    return r;
  }

  private static List<String> pointers(HttpResponse<Buffer> r) {
    JsonArray errors = r.bodyAsJsonObject().getJsonArray("errors");
    return errors.stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
  }

  @Test
  void unknownFieldsAre422WithTheirPointersAndNothingIsWritten(VertxTestContext ctx) {
    JsonObject typo = new JsonObject().put("orign", new JsonObject().put("url", "https://a.example.com"))
        .put("origin", new JsonObject().put("url", "https://a.example.com").put("paht", "/x"));
    tenantToken("alpha").compose(token -> putSite(token, "rules.example.com", typo))
        .map(r -> {
          problem(422, r);
          assertEquals(List.of("/origin/paht", "/orign"), pointers(r).stream().sorted().toList());
          return r;
        })
        .compose(r -> store.get(KEYS.site("rules.example.com")))
        .onComplete(ctx.succeeding(entry -> ctx.verify(() -> {
          assertEquals(null, entry);
          ctx.completeNow();
        })));
  }

  @Test
  void invalidValuesAre422ListingEveryProblem(VertxTestContext ctx) {
    JsonObject bad = new JsonObject().put("origin", new JsonObject().put("url", "ftp://a.example.com"))
        .put("features", new JsonObject().put("nested", new JsonObject()));
    tenantToken("alpha").compose(token -> putSite(token, "rules.example.com", bad))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          problem(422, r);
          assertTrue(pointers(r).containsAll(List.of("/origin/url", "/features/nested")), pointers(r).toString());
          ctx.completeNow();
        })));
  }

  @Test
  void privateOriginsAreRefusedForTenantsAndAllowedForTheOperator(VertxTestContext ctx) {
    JsonObject loopback = site("http://127.0.0.1:8081");
    tenantToken("alpha").compose(token -> putSite(token, "rules.example.com", loopback))
        .map(r -> {
          problem(422, r);
          assertEquals(List.of("/origin/url"), pointers(r));
          return r;
        })
        .compose(r -> putSite(OPERATOR, "rules.example.com", loopback.copy().put("tenant", "alpha")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          expect(201, r);
          ctx.completeNow();
        })));
  }

  @Test
  void malformedJsonIs400(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> Future.all(
            call(HttpMethod.PUT, PATH, token, Buffer.buffer("{\"origin\": ")),
            call(HttpMethod.PUT, PATH, token, Buffer.buffer("[1, 2]")),
            call(HttpMethod.PATCH, PATH, token, Buffer.buffer("{,}"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < all.size(); i++) {
            problem(400, all.resultAt(i));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void bodiesOver1MiBAre413(VertxTestContext ctx) {
    String big = "{\"origin\": {\"url\": \"https://a.example.com\"}, \"features\": {\"pad\": \""
        + "x".repeat(2 * 1024 * 1024) + "\"}}";
    tenantToken("alpha").compose(token -> call(HttpMethod.PUT, PATH, token, Buffer.buffer(big)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          problem(413, r);
          ctx.completeNow();
        })));
  }

  @Test
  void missingOrUnknownTokensAre401AndTenantTokensAre403OnOperatorEndpoints(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> Future.all(List.of(
            call(HttpMethod.GET, "/v1/sites", null, null),
            call(HttpMethod.GET, "/v1/sites", "not-a-token", null),
            call(HttpMethod.PUT, PATH, null, site("https://a.example.com")),
            call(HttpMethod.GET, "/v1/tenants", token, null))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          problem(401, all.resultAt(0));
          problem(401, all.resultAt(1));
          problem(401, all.resultAt(2));
          problem(403, all.resultAt(3));
          ctx.completeNow();
        })));
  }

  @Test
  void badPathParametersAre400AndUnknownRoutesAndMethodsAreProblems(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> Future.all(List.of(
            call(HttpMethod.PUT, "/v1/sites/bad_host!", token, site("https://a.example.com")),
            call(HttpMethod.GET, "/v1/sites?limit=0", token, null),
            call(HttpMethod.PUT, "/v1/tables/Bad%20Table", token, new JsonObject()),
            call(HttpMethod.GET, "/v1/nothing-here", token, null),
            call(HttpMethod.POST, PATH, token, new JsonObject()),
            call(HttpMethod.DELETE, "/v1/sites", token, null),
            call(HttpMethod.GET, "/v1/tenants/alpha/tokens", OPERATOR, null))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          problem(400, all.resultAt(0));
          problem(400, all.resultAt(1));
          problem(400, all.resultAt(2));
          problem(404, all.resultAt(3));
          problem(405, all.resultAt(4));
          assertEquals("DELETE, GET, PATCH, PUT", all.<HttpResponse<Buffer>>resultAt(4).getHeader("Allow"));
          assertEquals("GET", problem(405, all.resultAt(5)).getHeader("Allow"));
          assertEquals("POST", problem(405, all.resultAt(6)).getHeader("Allow"));
          ctx.completeNow();
        })));
  }

  /** SPEC §7: an {@code xn--} label that is not valid IDNA, as the site's host or its origin's, is 422. */
  @Test
  void xnLabelsThatAreNotValidIdnaAre422(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> Future.all(List.of(
            call(HttpMethod.PUT, "/v1/sites/xn--a.test", token, site("https://a.example.com")),
            call(HttpMethod.PUT, "/v1/sites/*.xn--zz.test", token, site("https://a.example.com")),
            call(HttpMethod.PUT, "/v1/sites/idna.example.com", token, site("https://xn--a.example.com")),
            call(HttpMethod.PUT, "/v1/sites/xn--bcher-kva.example", token, site("https://a.example.com")))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertEquals(List.of("/host"), pointers(problem(422, all.resultAt(0))));
          assertEquals(List.of("/host"), pointers(problem(422, all.resultAt(1))));
          assertEquals(List.of("/origin/url"), pointers(problem(422, all.resultAt(2))));
          expect(201, all.resultAt(3));
          ctx.completeNow();
        })));
  }

  /** The secret is answered once; the store holds only its SHA-256 as the key; revoking ends it. */
  @Test
  void tenantTokensAreStoredHashedAndStopWorkingWhenRevoked(VertxTestContext ctx) {
    call(HttpMethod.PUT, "/v1/tenants/alpha", OPERATOR, null).map(r -> expect(201, r))
        .compose(r -> call(HttpMethod.POST, "/v1/tenants/alpha/tokens", OPERATOR, null))
        .map(r -> expect(201, r).bodyAsJsonObject())
        .compose(minted -> {
          String secret = minted.getString("token");
          assertTrue(minted.getString("id").matches("[a-z0-9]{12}"));
          return store.get(KEYS.token(Secrets.sha256Hex(secret))).map(entry -> {
            assertNotNull(entry);
            assertFalse(entry.value().contains(secret));
            return entry;
          })
              .compose(e -> store.scan(KEYS.prefix(), null, 1000)).map(page -> {
                assertTrue(page.keys().stream().noneMatch(k -> k.contains(secret)));
                return page;
              })
              .compose(p -> call(HttpMethod.GET, "/v1/sites", secret, null)).map(r -> expect(200, r))
              .compose(r -> call(HttpMethod.DELETE, "/v1/tenants/alpha/tokens/" + minted.getString("id"), OPERATOR, null))
              .map(r -> expect(204, r))
              .compose(r -> call(HttpMethod.GET, "/v1/sites", secret, null));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          problem(401, r);
          ctx.completeNow();
        })));
  }

  @Test
  void anotherTenantsTableAndEntriesAre404AndDispatchIntoItIs422(VertxTestContext ctx) {
    JsonObject entry = new JsonObject().put("origin", new JsonObject().put("url", "https://a.example.com"));
    JsonObject dispatching = new JsonObject().put("dispatch", new JsonObject().put("table", "stores"));
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      String a = tokens.resultAt(0);
      String b = tokens.resultAt(1);
      return call(HttpMethod.PUT, "/v1/tables/stores", a, new JsonObject()).map(r -> expect(201, r))
          .compose(r -> call(HttpMethod.PUT, "/v1/tables/stores/entries/shopA", a, entry)).map(r -> expect(201, r))
          .compose(r -> call(HttpMethod.GET, "/v1/tables/stores", b, null)).map(r -> problem(404, r))
          .compose(r -> call(HttpMethod.GET, "/v1/tables/stores/entries/shopA", b, null)).map(r -> problem(404, r))
          .compose(r -> call(HttpMethod.PUT, "/v1/tables/stores/entries/shopA", b, entry)).map(r -> problem(404, r))
          .compose(r -> call(HttpMethod.DELETE, "/v1/tables/stores/entries/shopA", b, null)).map(r -> problem(404, r))
          .compose(r -> call(HttpMethod.GET, "/v1/tables/stores/entries", b, null)).map(r -> problem(404, r))
          .compose(r -> call(HttpMethod.PUT, "/v1/tables/stores", b, new JsonObject())).map(r -> problem(409, r))
          .compose(r -> putSite(b, "rules.example.com", dispatching)).map(r -> {
            problem(422, r);
            assertEquals(List.of("/dispatch/table"), pointers(r));
            return r;
          })
          .compose(r -> putSite(a, "rules.example.com", dispatching)).map(r -> expect(201, r))
          .compose(r -> call(HttpMethod.GET, "/v1/tables/stores/entries", a, null));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      JsonArray items = expect(200, r).bodyAsJsonObject().getJsonArray("items");
      assertEquals(1, items.size());
      assertEquals("shopA", items.getJsonObject(0).getString("id"));
      ctx.completeNow();
    })));
  }

  @Test
  void tenantsAreOperatorManagedAndCannotBeDeletedWhileTheyOwnSites(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> putSite(token, "rules.example.com", site("https://a.example.com")))
        .map(r -> expect(201, r))
        .compose(r -> call(HttpMethod.DELETE, "/v1/tenants/alpha", OPERATOR, null)).map(r -> problem(409, r))
        .compose(r -> call(HttpMethod.GET, "/v1/tenants", OPERATOR, null)).map(r -> {
          assertEquals(List.of("alpha"), expect(200, r).bodyAsJsonObject().getJsonArray("items").stream()
              .map(t -> ((JsonObject) t).getString("name")).toList());
          return r;
        })
        .compose(r -> call(HttpMethod.DELETE, PATH, OPERATOR, null)).map(r -> expect(204, r))
        .compose(r -> call(HttpMethod.DELETE, "/v1/tenants/alpha", OPERATOR, null)).map(r -> expect(204, r))
        .compose(r -> call(HttpMethod.GET, "/v1/tenants/alpha", OPERATOR, null))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          problem(404, r);
          ctx.completeNow();
        })));
  }
}
