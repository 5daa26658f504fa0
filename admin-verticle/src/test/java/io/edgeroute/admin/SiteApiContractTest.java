package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Site behaviour of the admin API that every KV backend must give; run by {@link MemorySiteApiTest}, {@link RedisStandaloneSiteApiTest} and {@link RedisClusterSiteApiTest}. */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
abstract class SiteApiContractTest extends AdminApiTestBase {

  @Test
  void tenantCreatesSiteThatTheStoreShowsAndTheChannelAnnounces(VertxTestContext ctx) {
    Promise<KvChange> announced = Promise.promise();
    store.subscribe(change -> {
      if (change.kind() == KvChange.Kind.SITE && change.key().equals("myblog.com")) {
        announced.tryComplete(change);
      }
    }).compose(sub -> tenantToken("jottings"))
        .compose(token -> putSite(token, "MyBlog.COM", site("https://static.example.me")))
        .map(r -> {
          expect(201, r);
          assertEquals("\"1\"", r.getHeader("ETag"));
          JsonObject body = r.bodyAsJsonObject();
          assertEquals("myblog.com", body.getString("host"));
          assertEquals("jottings", body.getString("tenant"));
          assertEquals(1L, body.getLong("version"));
          assertEquals(0L, body.getLong("cacheGeneration"));
          assertTrue(body.getString("siteId").matches("[a-z0-9]{12}"), body.getString("siteId"));
          return body;
        })
        .compose(body -> store.get(KEYS.site("myblog.com")).map(entry -> {
          Site stored = Site.fromJson(new JsonObject(entry.value()));
          assertEquals(1L, entry.version());
          assertEquals("jottings", stored.tenant());
          assertEquals(body.getString("siteId"), stored.siteId());
          assertEquals("https://static.example.me", stored.origin().toJson().getString("url"));
          return stored;
        }))
        .compose(stored -> store.members(KEYS.tenantSites("jottings")))
        .map(members -> {
          assertEquals(List.of("myblog.com"), members);
          return members;
        })
        .compose(m -> announced.future())
        .onComplete(ctx.succeeding(change -> ctx.verify(() -> {
          assertEquals(1L, change.version());
          ctx.completeNow();
        })));
  }

  @Test
  void staleIfMatchAndIfNoneMatchStarOnAnExistingSiteAre412(VertxTestContext ctx) {
    String host = "shop.example.com";
    tenantToken("alpha").compose(token -> putSite(token, host, site("https://a.example.com"))
            .map(r -> expect(201, r))
            .compose(r -> putSite(token, host, site("https://b.example.com"), "If-None-Match", "*"))
            .map(r -> expect(412, r))
            .compose(r -> putSite(token, host, site("https://b.example.com"), "If-Match", "\"1\""))
            .map(r -> {
              expect(200, r);
              assertEquals("\"2\"", r.getHeader("ETag"));
              return r;
            })
            .compose(r -> putSite(token, host, site("https://c.example.com"), "If-Match", "\"1\""))
            .map(r -> expect(412, r))
            .compose(r -> call(HttpMethod.PATCH, "/v1/sites/" + host, token, new JsonObject(), "If-Match", "\"1\""))
            .map(r -> expect(412, r))
            .compose(r -> call(HttpMethod.DELETE, "/v1/sites/" + host, token, null, "If-Match", "\"1\""))
            .map(r -> expect(412, r))
            .compose(r -> call(HttpMethod.GET, "/v1/sites/" + host, token, null)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          expect(200, r);
          assertEquals("\"2\"", r.getHeader("ETag"));
          assertEquals("https://b.example.com", r.bodyAsJsonObject().getJsonObject("origin").getString("url"));
          ctx.completeNow();
        })));
  }

  @Test
  void patchMergesAndDeleteRemovesSiteAndMember(VertxTestContext ctx) {
    String host = "patch.example.com";
    JsonObject patch = new JsonObject().put("features", new JsonObject().put("minify", true))
        .put("responseHeaders", null);
    tenantToken("alpha").compose(token -> putSite(token, host,
                site("https://a.example.com").put("responseHeaders", new JsonObject().put("X-A", "1")))
            .compose(r -> call(HttpMethod.PATCH, "/v1/sites/" + host, token, patch, "If-Match", "\"1\""))
            .map(r -> {
              JsonObject body = expect(200, r).bodyAsJsonObject();
              assertEquals(2L, body.getLong("version"));
              assertEquals(true, body.getJsonObject("features").getBoolean("minify"));
              assertNull(body.getValue("responseHeaders"));
              return r;
            })
            .compose(r -> call(HttpMethod.PATCH, "/v1/sites/" + host, token, new JsonObject().put("orign", 1)))
            .map(r -> expect(422, r))
            .compose(r -> call(HttpMethod.DELETE, "/v1/sites/" + host, token, null))
            .map(r -> expect(204, r))
            .compose(r -> call(HttpMethod.GET, "/v1/sites/" + host, token, null)))
        .map(r -> expect(404, r))
        .compose(r -> store.get(KEYS.site(host)))
        .compose(entry -> {
          assertNull(entry);
          return store.members(KEYS.tenantSites("alpha"));
        })
        .onComplete(ctx.succeeding(members -> ctx.verify(() -> {
          assertEquals(List.of(), members);
          ctx.completeNow();
        })));
  }

  /**
   * 50 creates by tenant A and 50 by tenant B, all with {@code If-None-Match: *}, all at once:
   * exactly one 201; the winner's other 49 get 412 (its own site exists), the loser's 50 get 409
   * (another tenant's host); one tenant owns the site and only its set lists the host.
   */
  @Test
  void hundredParallelCreatesOfOneHostByTwoTenantsHaveExactlyOneWinner(VertxTestContext ctx) {
    assertRace(ctx, "contested.example.com", 412, 1L, "If-None-Match", "*");
  }

  /**
   * The same race with plain PUTs (create-or-replace): exactly one 201, every PUT of the other
   * tenant 409, the winner's other 49 replace its own site (200), and the store ends at version 50.
   */
  @Test
  void hundredParallelPlainPutsOfOneHostByTwoTenantsLeaveTheLoserOnly409s(VertxTestContext ctx) {
    assertRace(ctx, "contested-plain.example.com", 200, 50L);
  }

  /**
   * Races 50 PUTs of {@code host} by tenant alpha against 50 by beta, all at once, then checks: one
   * 201, the winner's other 49 answered {@code winnerRest}, the loser's 50 answered 409, the site
   * the winner's at {@code finalVersion}, and only the winner's set listing the host.
   */
  private void assertRace(VertxTestContext ctx, String host, int winnerRest, long finalVersion, String... headers) {
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String tenant = i % 2 == 0 ? "alpha" : "beta";
        outcomes.add(putSite(tokens.resultAt(i % 2), host, site("https://o.example.com"), headers)
            .map(r -> tenant + ":" + r.statusCode()));
      }
      return Future.all(outcomes).map(all -> outcomes.stream().map(Future::result).toList());
    }).compose(outcomes -> {
      Map<String, Long> counts = outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
      String winner = counts.containsKey("alpha:201") ? "alpha" : "beta";
      String loser = winner.equals("alpha") ? "beta" : "alpha";
      assertEquals(Map.of(winner + ":201", 1L, winner + ":" + winnerRest, 49L, loser + ":409", 50L), counts);
      return store.get(KEYS.site(host)).map(entry -> {
        assertEquals(winner, Site.fromJson(new JsonObject(entry.value())).tenant());
        assertEquals(finalVersion, entry.version());
        return entry;
      }).compose(e -> Future.all(store.members(KEYS.tenantSites(winner)), store.members(KEYS.tenantSites(loser))));
    }).onComplete(ctx.succeeding(sets -> ctx.verify(() -> {
      assertEquals(List.of(host), sets.resultAt(0));
      assertEquals(List.of(), sets.resultAt(1));
      ctx.completeNow();
    })));
  }

  /** Tenant and operator listings walk every site exactly once through {@code next} cursors. */
  @Test
  void listingsPageThroughEverySiteWithCursors(VertxTestContext ctx) {
    List<String> hosts = List.of("a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com");
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      List<Future<?>> puts = new ArrayList<>();
      for (String host : hosts) {
        puts.add(putSite(tokens.resultAt(0), host, site("https://o.example.com")).map(r -> expect(201, r)));
      }
      puts.add(putSite(tokens.resultAt(1), "other.example.com", site("https://o.example.com")).map(r -> expect(201, r)));
      return Future.all(puts).compose(v -> Future.all(
          walk(tokens.resultAt(0), null, new ArrayList<>()), walk(OPERATOR, null, new ArrayList<>())));
    }).onComplete(ctx.succeeding(walks -> ctx.verify(() -> {
      assertEquals(hosts, walks.<List<String>>resultAt(0).stream().sorted().toList());
      List<String> all = new ArrayList<>(hosts);
      all.add("other.example.com");
      assertEquals(all.stream().sorted().toList(), walks.<List<String>>resultAt(1).stream().sorted().toList());
      ctx.completeNow();
    })));
  }

  private Future<List<String>> walk(String token, String cursor, List<String> seen) {
    String query = "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
    return call(HttpMethod.GET, "/v1/sites" + query, token, null).compose(r -> {
      JsonObject page = expect(200, r).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("host")));
      String next = page.getString("next");
      return next == null ? Future.succeededFuture(seen) : walk(token, next, seen);
    });
  }

  @Test
  void anotherTenantCannotReadChangeDeleteOrPurgeTheSite(VertxTestContext ctx) {
    String host = "private.example.com";
    String path = "/v1/sites/" + host;
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      String a = tokens.resultAt(0);
      String b = tokens.resultAt(1);
      return putSite(a, host, site("https://a.example.com")).map(r -> expect(201, r))
          .compose(r -> call(HttpMethod.GET, path, b, null)).map(r -> expect(404, r))
          .compose(r -> call(HttpMethod.PATCH, path, b, new JsonObject().put("features", new JsonObject().put("x", 1))))
          .map(r -> expect(404, r))
          .compose(r -> call(HttpMethod.DELETE, path, b, null)).map(r -> expect(404, r))
          .compose(r -> call(HttpMethod.POST, path + "/purge", b, new JsonObject().put("all", true)))
          .map(r -> expect(404, r))
          .compose(r -> putSite(b, host, site("https://b.example.com"))).map(r -> expect(409, r))
          .compose(r -> call(HttpMethod.GET, "/v1/sites", b, null)).map(r -> {
            assertEquals(0, expect(200, r).bodyAsJsonObject().getJsonArray("items").size());
            return r;
          })
          .compose(r -> call(HttpMethod.GET, path, a, null));
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(1L, expect(200, r).bodyAsJsonObject().getLong("version"));
      ctx.completeNow();
    })));
  }
}
