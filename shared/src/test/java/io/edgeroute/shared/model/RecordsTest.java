package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON round trips of the smaller documents of SPEC §2 and §3. */
class RecordsTest {

  @Test
  void entryRoundTrips() {
    JsonObject json = new JsonObject("""
        {"origin": {"url": "https://a.example.com"}, "responseHeaders": {"X-Storefront-ID": "storefrontA"}, "version": 2}
        """);
    TableEntry entry = TableEntry.fromJson(json);
    assertEquals(json, entry.toJson());
    assertEquals(entry, TableEntry.fromJson(entry.toJson()));
    assertEquals(5, entry.withVersion(5).version());
  }

  @Test
  void entryNeedsAnOrigin() {
    assertThrows(IllegalArgumentException.class, () -> TableEntry.fromJson(new JsonObject().put("version", 1)));
  }

  @Test
  void tableTenantAndTokenRoundTrip() {
    Table table = new Table("acme", 3);
    assertEquals(new JsonObject().put("tenant", "acme").put("version", 3L), table.toJson());
    assertEquals(table, Table.fromJson(table.toJson()));
    Tenant tenant = Tenant.create("acme", Instant.parse("2026-01-02T03:04:05Z"));
    assertEquals("2026-01-02T03:04:05Z", tenant.created());
    assertEquals(tenant, Tenant.fromJson(tenant.toJson()));
    TokenRecord token = TokenRecord.create("acme", "t1", Instant.parse("2026-01-02T03:04:05Z"));
    assertEquals(new JsonObject().put("tenant", "acme").put("id", "t1").put("created", "2026-01-02T03:04:05Z"),
        token.toJson());
    assertEquals(token, TokenRecord.fromJson(token.toJson()));
  }

  @Test
  void dispatchDefaultsItsNoun() {
    Dispatch dispatch = Dispatch.fromJson(new JsonObject().put("table", "storefronts"));
    assertEquals("Entry", dispatch.noun());
    assertEquals("Entry \"x\" not found.", dispatch.notFoundMessage("x"));
    assertEquals(dispatch, Dispatch.fromJson(dispatch.toJson()));
    assertFalse(dispatch.toJson().containsKey("idHeader"));
  }

  @Test
  void cacheTtlAcceptsSecondsOrDurations() {
    assertEquals(30, CacheSettings.fromJson(new JsonObject().put("defaultTtl", 30)).defaultTtlSeconds());
    assertEquals(30, CacheSettings.fromJson(new JsonObject().put("defaultTtl", "30s")).defaultTtlSeconds());
    assertEquals(300, CacheSettings.ttlSeconds("5m"));
    assertEquals(7200, CacheSettings.ttlSeconds("2h"));
    assertEquals(86400, CacheSettings.ttlSeconds("1d"));
    assertEquals(2, CacheSettings.ttlSeconds("2000ms"));
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.ttlSeconds("1500ms"));
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.ttlSeconds("soon"));
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.ttlSeconds(-1));
    assertThrows(IllegalArgumentException.class, () -> CacheSettings.ttlSeconds(1.5));
    CacheSettings settings = CacheSettings.fromJson(new JsonObject().put("enabled", true).put("defaultTtl", "1m"));
    assertEquals(60L, settings.toJson().getValue("defaultTtl"), "written back as seconds");
    assertEquals(settings, CacheSettings.fromJson(settings.toJson()));
  }

  @Test
  void routeNeedsExactlyOneOfOriginAndSplit() {
    Origin origin = Origin.of("http://a.example");
    List<SplitBranch> split = List.of(new SplitBranch(1, origin, null));
    assertThrows(IllegalArgumentException.class, () -> new Route("/", false, null, List.of(), false));
    assertThrows(IllegalArgumentException.class, () -> new Route("/", false, origin, split, false));
    assertThrows(IllegalArgumentException.class,
        () -> new Route("/", false, null, List.of(new SplitBranch(0, origin, null)), false));
    Route blueGreen = new Route("/", false, null,
        List.of(new SplitBranch(100, origin, "blue"), new SplitBranch(0, origin, "green")), true);
    assertEquals(blueGreen, Route.fromJson(blueGreen.toJson()));
    assertEquals(new JsonObject().put("pathPrefix", "/").put("origin", new JsonObject().put("url", "http://a.example")),
        Route.to("/", origin).toJson(), "false flags and the empty split are not written");
  }
}
