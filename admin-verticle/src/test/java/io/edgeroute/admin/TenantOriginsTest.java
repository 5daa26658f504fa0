package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.edgeroute.shared.testing.KvBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

/** Who set a document's origins is recorded for the router's dial-time check ({@link TenantOrigins}). */
class TenantOriginsTest extends AdminApiTestBase {

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return KvBackends.MEMORY.open(vertx, KEYS);
  }

  private Future<Boolean> marked(String host) {
    return store.get(KEYS.site(host)).map(e -> Site.fromJson(new JsonObject(e.value())).tenantOrigins());
  }

  @Test
  void tenantWritesMarkTheOriginsAndOnlyAnOperatorWriteThatSetsThemClearsTheMark(VertxTestContext ctx) {
    JsonObject features = new JsonObject().put("features", new JsonObject().put("minify", true));
    tenantToken("alpha").compose(alpha -> putSite(alpha, "mine.example.com", site("https://a.example.com")).map(r -> expect(201, r))
        .compose(r -> marked("mine.example.com")).map(m -> {
          assertEquals(true, m, "a tenant's origins");
          return m;
        })
        .compose(m -> call(HttpMethod.PATCH, "/v1/sites/mine.example.com", OPERATOR, features)).map(r -> expect(200, r))
        .compose(r -> marked("mine.example.com")).map(m -> {
          assertEquals(true, m, "an operator patch that leaves the origins keeps them the tenant's");
          return m;
        })
        .compose(m -> call(HttpMethod.PATCH, "/v1/sites/mine.example.com", OPERATOR,
            new JsonObject().put("origin", new JsonObject().put("url", "http://10.0.0.5")))).map(r -> expect(200, r))
        .compose(r -> marked("mine.example.com")).map(m -> {
          assertEquals(false, m, "the operator set these origins");
          return m;
        })
        .compose(m -> putSite(alpha, "mine.example.com", site("https://a.example.com"))).map(r -> expect(200, r))
        .compose(r -> marked("mine.example.com")).map(m -> {
          assertEquals(true, m);
          return m;
        })
        .compose(m -> call(HttpMethod.PUT, "/v1/tables/shops", alpha, new JsonObject())).map(r -> expect(201, r))
        .compose(r -> call(HttpMethod.PUT, "/v1/tables/shops/entries/a", alpha, site("https://a.example.com"))).map(r -> expect(201, r))
        .compose(r -> call(HttpMethod.PUT, "/v1/tables/shops/entries/b", OPERATOR, site("http://10.0.0.6")))
        .map(r -> expect(201, r))
        .compose(r -> Future.all(store.get(KEYS.entry("shops", "a")), store.get(KEYS.entry("shops", "b")))))
        .onComplete(ctx.succeeding(entries -> ctx.verify(() -> {
          assertEquals(true, TableEntry.fromJson(new JsonObject(entries.<io.edgeroute.shared.kv.KvEntry>resultAt(0).value())).tenantOrigins());
          assertEquals(false, TableEntry.fromJson(new JsonObject(entries.<io.edgeroute.shared.kv.KvEntry>resultAt(1).value())).tenantOrigins());
          ctx.completeNow();
        })));
  }
}
