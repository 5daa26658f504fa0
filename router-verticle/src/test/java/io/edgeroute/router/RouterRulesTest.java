package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router rules of SPEC §3/§4 through the real router and a real origin: Location and
 * Content-Location rewritten back into the visitor's terms, X-Forwarded-Prefix for stripped
 * prefixes, and featuresHeader as an RFC 8941 dictionary.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RouterRulesTest {

  private RouterHarness router;
  private TestOrigin bucket;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
    // Redirects as a static bucket or an app behind a prefix makes them: to its own paths.
    bucket = await(TestOrigin.start(vertx, "bucket", false, RouterRulesTest::redirect));
  }

  private static void redirect(HttpServerRequest request) {
    String to = request.getParam("to");
    request.response().setStatusCode(301).putHeader("Location", to)
        .putHeader("Content-Location", to).end();
  }

  @Test
  void aRedirectIntoOriginPathReachesTheVisitorWithoutIt() {
    router.putSite("mysite.example", new JsonObject()
        .put("origin", origin("http://static.internal", bucket.port()).put("path", "/sites/mysite.jottings.me")));

    RouterHarness.Answer answer = router.get("mysite.example", "/posts?to=/sites/mysite.jottings.me/posts/");
    assertEquals(301, answer.status());
    assertEquals("/posts/", answer.headers().get("Location"));
    assertEquals("/posts/", answer.headers().get("Content-Location"));
    // Absolute, naming the origin: the same.
    assertEquals("/posts/?page=2", router.get("mysite.example",
        "/posts?to=http://static.internal/sites/mysite.jottings.me/posts/%3Fpage=2").headers().get("Location"));
    // Pointing anywhere else: untouched.
    assertEquals("https://elsewhere.example/sites/mysite.jottings.me/",
        router.get("mysite.example", "/x?to=https://elsewhere.example/sites/mysite.jottings.me/").headers().get("Location"));
    assertEquals("/other/", router.get("mysite.example", "/x?to=/other/").headers().get("Location"));
  }

  @Test
  void aDispatchOriginSeesTheIdAsForwardedPrefixAndItsRedirectsGetItBack(Vertx vertx) {
    TestOrigin shop = await(TestOrigin.start(vertx, "shop"));
    router.putEntry("storefronts", "storefrontA", new JsonObject().put("origin", origin("http://shop.internal", bucket.port())));
    router.putSite("shops.example", new JsonObject().put("dispatch", new JsonObject().put("table", "storefronts")));

    RouterHarness.Answer answer = router.get("shops.example", "/storefrontA/login?to=/cart");
    assertEquals("/storefrontA/cart", answer.headers().get("Location"));
    assertEquals("/storefrontA", bucket.last().headers().get("X-Forwarded-Prefix"));

    router.putEntry("storefronts", "storefrontB", new JsonObject().put("origin", origin("http://shop.internal", shop.port())));
    router.get("shops.example", "/storefrontB/");
    assertEquals("/storefrontB", shop.last().headers().get("X-Forwarded-Prefix"));
  }

  @Test
  void aStrippedRoutePrefixIsForwardedAndAVisitorsOwnIsNot(Vertx vertx) {
    TestOrigin api = await(TestOrigin.start(vertx, "api"));
    router.putSite("app.example", new JsonObject()
        .put("origin", origin("http://web.internal", api.port()))
        .put("routes", new JsonArray().add(new JsonObject().put("pathPrefix", "/api/").put("stripPrefix", true)
            .put("origin", origin("http://api.internal", api.port())))));

    await(router.send(io.vertx.core.http.HttpMethod.GET, "app.example", "/api/users", Map.of("X-Forwarded-Prefix", "/evil"), null));
    assertEquals("/users", api.last().uri());
    assertEquals("/api", api.last().headers().get("X-Forwarded-Prefix"));

    await(router.send(io.vertx.core.http.HttpMethod.GET, "app.example", "/page", Map.of("X-Forwarded-Prefix", "/evil"), null));
    assertNull(api.last().headers().get("X-Forwarded-Prefix"));
  }

  @Test
  void featuresReachTheOriginAsAStructuredFieldDictionary(Vertx vertx) {
    TestOrigin renderer = await(TestOrigin.start(vertx, "renderer"));
    router.putSite("img.example", new JsonObject()
        .put("origin", origin("http://img.internal", renderer.port()))
        .put("features", new JsonObject().put("polish", "lossy").put("minify", true).put("webp", false)
            .put("quality", 85).put("label", "two words"))
        .put("featuresHeader", "X-Edgeroute-Features"));

    await(router.send(io.vertx.core.http.HttpMethod.GET, "img.example", "/a.png",
        Map.of("X-Edgeroute-Features", "polish=off"), null));
    assertEquals("polish=lossy, minify, webp=?0, quality=85, label=\"two words\"",
        renderer.last().headers().get("X-Edgeroute-Features"));
  }
}
