package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteTest {

  @Test
  void specExampleRoundTripsExactly() {
    JsonObject example = new JsonObject(SpecExample.SITE);
    Site site = Site.fromJson(example);
    assertEquals(example, site.toJson());
    assertEquals(example, new JsonObject(site.toJson().encode()));
    assertEquals(site, Site.fromJson(site.toJson()));
  }

  @Test
  void specExampleReadsIntoTypes() {
    Site site = Site.fromJson(new JsonObject(SpecExample.SITE));
    assertEquals("myblog.com", site.host());
    assertEquals(4, site.version());
    assertEquals("static.example.me", site.origin().host());
    assertEquals(443, site.origin().port());
    assertEquals("10.0.0.5", site.origin().dialAddress().host());
    assertEquals(8443, site.origin().dialAddress().port());
    assertEquals(HostHeader.ORIGIN, site.origin().hostHeader());
    Route api = site.routes().get(0);
    assertTrue(api.stripPrefix());
    assertFalse(api.isSplit());
    assertNull(api.origin().hostHeader(), "not written, so not invented");
    assertEquals(HostHeader.ORIGIN, api.origin().effectiveHostHeader());
    Route root = site.routes().get(1);
    assertTrue(root.isSplit());
    assertTrue(root.sticky());
    assertEquals(100, root.totalWeight());
    assertEquals("green", root.split().get(1).label());
    assertEquals("Storefront \"x\" not found.", site.dispatch().notFoundMessage("x"));
    assertEquals(List.of("polish", "minify"), List.copyOf(site.features().keySet()), "insertion order kept");
    assertTrue(site.cache().enabled());
    assertTrue(site.cache().bypasses("wordpress_logged_in_0123abc"));
    assertEquals(Map.of("X-Served-By", "edgeroute"), site.responseHeaders());
  }

  @Test
  void minimalSiteOmitsWhatIsAbsent() {
    Site site = Site.fromJson(new JsonObject().put("origin", new JsonObject().put("url", "http://a.example")));
    JsonObject json = site.toJson();
    assertEquals(new JsonObject().put("version", 0L).put("origin", new JsonObject().put("url", "http://a.example"))
        .put("cacheGeneration", 0L), json);
    assertEquals(CacheSettings.DEFAULT, site.cache());
    assertEquals("", site.featuresKey());
    assertEquals(site, Site.fromJson(json));
  }

  @Test
  void serverSetFieldsComeFromWithers() {
    Site site = Site.fromJson(new JsonObject().put("origin", new JsonObject().put("url", "http://a.example")))
        .withHost("myblog.com").withTenant("jottings").withSiteId("abc").withVersion(7).withCacheGeneration(3);
    assertEquals("myblog.com", site.host());
    assertEquals("jottings", site.tenant());
    assertEquals("abc", site.siteId());
    assertEquals(7, site.version());
    assertEquals(3, site.cacheGeneration());
    assertEquals(site, Site.fromJson(site.toJson()));
  }

  @Test
  void refusesNestedFeatures() {
    JsonObject json = new JsonObject().put("features", new JsonObject().put("a", new JsonObject()));
    assertThrows(IllegalArgumentException.class, () -> Site.fromJson(json));
  }

  @Test
  void reportsAWrongTypeByFieldName() {
    JsonObject json = new JsonObject().put("version", "four");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Site.fromJson(json));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  void readsBackEqualAfterATripThroughJsonText() {
    Site site = new Site("myblog.com", "jottings", "abc", 2, Origin.of("http://a.example"), List.of(), null,
        Map.of("quality", 85L, "ratio", 1.5, "big", 5_000_000_000L), null, 0, Map.of());
    assertEquals(site, Site.fromJson(new JsonObject(site.toJson().encode())));
  }

  @Test
  void featuresKeyIsTheSameWhateverTheOrder() {
    Site a = Site.fromJson(new JsonObject("{\"features\": {\"polish\": \"lossy\", \"minify\": true}}"));
    Site b = Site.fromJson(new JsonObject("{\"features\": {\"minify\": true, \"polish\": \"lossy\"}}"));
    assertEquals("minify=true;polish=\"lossy\"", a.featuresKey());
    assertEquals(a.featuresKey(), b.featuresKey());
  }
}
