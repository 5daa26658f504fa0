package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Multi-key writes interrupted between their steps (by {@link FaultyKvStore}, the one test double:
 * it fails one named call once, everything else is the real backend), purges and the audit log.
 */
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
abstract class WriteSafetyContractTest extends AdminApiTestBase {

  private static final String HOST = "halfway.example.com";
  private static final String PATH = "/v1/sites/" + HOST;

  /** Step 1 (the tenant-sites member) lands, step 2 (the site key) fails: nothing routes, the next PUT repairs. */
  @Test
  void createFailingBeforeTheSiteKeyRoutesNothingAndTheNextPutCompletesIt(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> {
      store.failNext("put");
      return putSite(token, HOST, site("https://a.example.com")).map(r -> expect(503, r))
          .compose(r -> store.get(KEYS.site(HOST))).map(entry -> {
            assertNull(entry, "no site key, so the router answers 404 for the host");
            return entry;
          })
          .compose(e -> call(HttpMethod.GET, "/v1/sites", token, null)).map(r -> {
            assertEquals(0, expect(200, r).bodyAsJsonObject().getJsonArray("items").size(), "the dangling member is not listed");
            return r;
          })
          .compose(r -> call(HttpMethod.GET, PATH, token, null)).map(r -> expect(404, r))
          .compose(r -> putSite(token, HOST, site("https://a.example.com"), "If-None-Match", "*")).map(r -> expect(201, r))
          .compose(r -> Future.all(store.get(KEYS.site(HOST)), store.members(KEYS.tenantSites("alpha"))));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(1L, ((KvEntry) all.resultAt(0)).version());
      assertEquals(List.of(HOST), all.resultAt(1));
      ctx.completeNow();
    })));
  }

  /** A half-done claim does not hold the host: another tenant takes it, and the first tenant's set is cleaned. */
  @Test
  void halfDoneClaimLetsAnotherTenantTakeTheHostAndIsCleanedFromTheFirstTenantsSet(VertxTestContext ctx) {
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      String a = tokens.resultAt(0);
      String b = tokens.resultAt(1);
      store.failNext("put");
      return putSite(a, HOST, site("https://a.example.com")).map(r -> expect(503, r))
          .compose(r -> putSite(b, HOST, site("https://b.example.com"))).map(r -> expect(201, r))
          .compose(r -> putSite(a, HOST, site("https://a.example.com"))).map(r -> expect(409, r))
          .compose(r -> Future.all(store.members(KEYS.tenantSites("alpha")), store.members(KEYS.tenantSites("beta")),
              store.get(KEYS.site(HOST))));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(List.of(), all.resultAt(0));
      assertEquals(List.of(HOST), all.resultAt(1));
      KvEntry entry = all.resultAt(2);
      assertEquals("beta", Site.fromJson(new JsonObject(entry.value())).tenant());
      ctx.completeNow();
    })));
  }

  /** Delete removes the site key first: failing the member removal leaves no route, and the tenant stays deletable. */
  @Test
  void deleteFailingAfterTheSiteKeyRoutesNothingAndTheNextDeleteRepairs(VertxTestContext ctx) {
    tenantToken("alpha").compose(token -> putSite(token, HOST, site("https://a.example.com")).map(r -> expect(201, r))
        .compose(r -> {
          store.failNext("removeFromSet");
          return call(HttpMethod.DELETE, PATH, token, null);
        }).map(r -> expect(503, r))
        .compose(r -> Future.all(store.get(KEYS.site(HOST)), store.members(KEYS.tenantSites("alpha")))).map(all -> {
          assertNull(all.resultAt(0));
          assertEquals(List.of(HOST), all.resultAt(1), "the member dangles until the next write");
          return all;
        })
        .compose(all -> call(HttpMethod.DELETE, PATH, token, null)).map(r -> expect(404, r))
        .compose(r -> store.members(KEYS.tenantSites("alpha"))).map(members -> {
          assertEquals(List.of(), members);
          return members;
        })
        .compose(m -> call(HttpMethod.DELETE, "/v1/tenants/alpha", OPERATOR, null)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          expect(204, r);
          ctx.completeNow();
        })));
  }

  /** The write landed; a lost announcement is logged, not answered as a failure the client would retry into a 412. */
  @Test
  void writeWhoseAnnouncementFailsStillSucceedsAndTheNextOneIsAnnounced(VertxTestContext ctx) {
    Promise<KvChange> second = Promise.promise();
    store.subscribe(change -> {
      if (change.kind() == KvChange.Kind.SITE && change.version() == 2) {
        second.tryComplete(change);
      }
    }).compose(sub -> tenantToken("alpha")).compose(token -> {
      store.failNext("publish");
      return putSite(token, HOST, site("https://a.example.com")).map(r -> expect(201, r))
          .compose(r -> putSite(token, HOST, site("https://b.example.com"), "If-Match", "\"1\""))
          .map(r -> expect(200, r));
    }).compose(r -> second.future())
        .onComplete(ctx.succeeding(change -> ctx.verify(() -> {
          assertEquals(HOST, change.key());
          ctx.completeNow();
        })));
  }

  @Test
  void entryWritesAreAnnouncedAsEntryChanges(VertxTestContext ctx) {
    List<KvChange> entries = new CopyOnWriteArrayList<>();
    Promise<Void> both = Promise.promise();
    JsonObject entry = new JsonObject().put("origin", new JsonObject().put("url", "https://a.example.com"));
    store.subscribe(change -> {
      if (change.kind() == KvChange.Kind.ENTRY) {
        entries.add(change);
        if (entries.size() == 2) {
          both.tryComplete();
        }
      }
    }).compose(sub -> tenantToken("alpha")).compose(token -> call(HttpMethod.PUT, "/v1/tables/stores", token, new JsonObject())
            .compose(r -> call(HttpMethod.PUT, "/v1/tables/stores/entries/shopA", token, entry)).map(r -> expect(201, r))
            .compose(r -> call(HttpMethod.DELETE, "/v1/tables/stores/entries/shopA", token, null)).map(r -> expect(204, r)))
        .compose(r -> both.future())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(KvChange.entry("stores", "shopA", 1), KvChange.entry("stores", "shopA", 2)), entries);
          ctx.completeNow();
        })));
  }

  @Test
  void purgeOfPathsPrefixesAndTagsIsAnnouncedWithWhatItPurges(VertxTestContext ctx) {
    List<KvChange> changes = new CopyOnWriteArrayList<>();
    Promise<KvChange> purged = Promise.promise();
    JsonObject purge = new JsonObject().put("paths", new JsonArray().add("/post/1"))
        .put("prefixes", new JsonArray().add("/blog/*")).put("tags", new JsonArray().add("posts"));
    store.subscribe(change -> {
      changes.add(change);
      if (change.kind() == KvChange.Kind.PURGE) {
        purged.tryComplete(change);
      }
    }).compose(sub -> tenantToken("alpha"))
        .compose(token -> putSite(token, HOST, site("https://a.example.com")).map(r -> expect(201, r))
            .compose(r -> call(HttpMethod.POST, PATH + "/purge", token, purge)))
        .map(r -> expect(202, r))
        .compose(r -> purged.future())
        .onComplete(ctx.succeeding(change -> ctx.verify(() -> {
          assertEquals(HOST, change.key());
          assertEquals(1L, change.version());
          assertEquals(List.of("/post/1"), change.purge().paths());
          assertEquals(List.of("/blog/*"), change.purge().prefixes());
          assertEquals(List.of("posts"), change.purge().tags());
          assertEquals(false, change.purge().all());
          ctx.completeNow();
        })));
  }

  /**
   * A purge is announced like any write: on the clustered event bus as well as the change channel,
   * so it reaches every node even when publishing to Redis fails (and the client gets its 202).
   */
  @Test
  void aPurgeReachesTheClusteredEventBusEvenWhenTheChangeChannelFails(Vertx vertx, VertxTestContext ctx) {
    Promise<KvChange> onBus = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(EventBusAddresses.CLUSTER_CHANGED, m -> {
      KvChange change = KvChange.fromJson(m.body());
      if (change.kind() == KvChange.Kind.PURGE) {
        onBus.tryComplete(change);
      }
    });
    tenantToken("alpha")
        .compose(token -> putSite(token, HOST, site("https://a.example.com")).map(r -> expect(201, r))
            .compose(r -> {
              store.failNext("publish");
              return call(HttpMethod.POST, PATH + "/purge", token, new JsonObject().put("tags", new JsonArray().add("posts")));
            }))
        .map(r -> expect(202, r))
        .compose(r -> onBus.future())
        .onComplete(ctx.succeeding(change -> ctx.verify(() -> {
          assertEquals(HOST, change.key());
          assertEquals(List.of("posts"), change.purge().tags());
          assertTrue(change.id() != null, "a purge carries its id, so a node applies it once");
          ctx.completeNow();
        })));
  }

  @Test
  void purgeOfAllBumpsCacheGenerationAndAnnouncesTheSite(VertxTestContext ctx) {
    List<KvChange> changes = new CopyOnWriteArrayList<>();
    Promise<Void> both = Promise.promise();
    store.subscribe(change -> {
      changes.add(change);
      if (changes.stream().anyMatch(c -> c.kind() == KvChange.Kind.PURGE)
          && changes.stream().anyMatch(c -> c.kind() == KvChange.Kind.SITE && c.version() == 2)) {
        both.tryComplete();
      }
    }).compose(sub -> tenantToken("alpha"))
        .compose(token -> putSite(token, HOST, site("https://a.example.com")).map(r -> expect(201, r))
            .compose(r -> call(HttpMethod.POST, PATH + "/purge", token, new JsonObject().put("all", true)))
            .map(r -> expect(202, r))
            .compose(r -> call(HttpMethod.POST, PATH + "/purge", token, new JsonObject())).map(r -> expect(422, r))
            .compose(r -> call(HttpMethod.GET, PATH, token, null)))
        .map(r -> {
          JsonObject site = expect(200, r).bodyAsJsonObject();
          assertEquals(1L, site.getLong("cacheGeneration"));
          assertEquals(2L, site.getLong("version"));
          return site;
        })
        .compose(site -> both.future())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          KvChange purge = changes.stream().filter(c -> c.kind() == KvChange.Kind.PURGE).findFirst().orElseThrow();
          assertTrue(purge.purge().all());
          assertEquals(2L, purge.version());
          ctx.completeNow();
        })));
  }

  @Test
  void everyWriteLogsOneAuditLineWithWhoWhatHostAndVersions(VertxTestContext ctx) {
    List<JsonObject> lines = new CopyOnWriteArrayList<>();
    Logger audit = Logger.getLogger(AuditLog.LOGGER);
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        JsonObject line = new JsonObject(record.getMessage());
        if (HOST.equals(line.getString("host"))) {
          lines.add(line);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    audit.addHandler(capture);
    tenantToken("alpha").compose(token -> putSite(token, HOST, site("https://a.example.com"))
            .compose(r -> call(HttpMethod.PATCH, PATH, token, new JsonObject().put("features", new JsonObject().put("minify", true))))
            .compose(r -> call(HttpMethod.DELETE, PATH, token, null)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          audit.removeHandler(capture);
          assertEquals(3, lines.size(), lines.toString());
          assertEquals(List.of("PUT", "PATCH", "DELETE"), lines.stream().map(l -> l.getString("method")).toList());
          assertEquals(List.of(0L, 1L, 2L), lines.stream().map(l -> l.getLong("oldVersion")).toList());
          assertEquals(List.of(1L, 2L, 0L), lines.stream().map(l -> l.getLong("newVersion")).toList());
          assertTrue(lines.stream().allMatch(l -> "tenant".equals(l.getString("who")) && "alpha".equals(l.getString("tenant"))));
          ctx.completeNow();
        })));
  }
}
