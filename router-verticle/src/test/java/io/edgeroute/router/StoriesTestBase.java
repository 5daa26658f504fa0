package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The three stories of SPEC §1, end to end against real origins; run once per store kind. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class StoriesTestBase {

  private RouterHarness router;

  /** @return an empty store of the kind under test */
  protected abstract Future<KvStore> openStore(Vertx vertx);

  @BeforeEach
  void deploy(Vertx vertx) {
    JsonObject options = new JsonObject().put("trustStore", Path.of(TestOrigin.CERT).toAbsolutePath().toString());
    router = RouterHarness.deploy(vertx, await(openStore(vertx)), options);
  }

  @Test
  void story000CustomDomainIsServedFromTheBucketPath(Vertx vertx) {
    TestOrigin bucket = await(TestOrigin.start(vertx, "bucket"));
    router.putSite("myblog.com", new JsonObject()
        .put("origin", origin("http://static.example.me", bucket.port()).put("path", "/sites/mysite.example.me")));

    RouterHarness.Answer answer = router.get("myblog.com", "/post/1?x=1");

    assertEquals(200, answer.status());
    assertEquals("/sites/mysite.example.me/post/1?x=1", bucket.last().uri());
    assertEquals("static.example.me", bucket.last().headers().get("Host"));
    assertEquals(404, router.get("unknown.example.org", "/post/1").status());
  }

  @Test
  void story001StorefrontsByPath(Vertx vertx) {
    TestOrigin storeA = await(TestOrigin.start(vertx, "A"));
    router.putSite("shops.example.com", new JsonObject().put("dispatch", new JsonObject()
        .put("table", "storefronts").put("idHeader", "X-Storefront-ID").put("noun", "Storefront")));
    router.putEntry("storefronts", "storefrontA", new JsonObject()
        .put("origin", origin("http://a.example.com", storeA.port()))
        .put("responseHeaders", new JsonObject().put("X-Served-By", "edgeroute")));

    assertEquals(400, router.get("shops.example.com", "/").status());
    RouterHarness.Answer unknown = router.get("shops.example.com", "/x/cart");
    assertEquals(404, unknown.status());
    assertTrue(unknown.body().contains("Storefront \"x\" not found."), unknown.body());

    RouterHarness.Answer answer = await(router.send(HttpMethod.POST, "shops.example.com", "/storefrontA/cart?x=1",
        Map.of("X-Cart", "3", "Content-Type", "text/plain"), Buffer.buffer("one teapot")));
    assertEquals(200, answer.status());
    assertEquals("storefrontA", answer.headers().get("X-Storefront-ID"));
    assertEquals("edgeroute", answer.headers().get("X-Served-By"));
    TestOrigin.Received received = storeA.last();
    assertEquals(HttpMethod.POST, received.method());
    assertEquals("/cart?x=1", received.uri());
    assertEquals("one teapot", received.body());
    assertEquals("3", received.headers().get("X-Cart"));
    assertEquals("a.example.com", received.headers().get("Host"));

    await(storeA.close());
    RouterHarness.Answer down = router.get("shops.example.com", "/storefrontA/cart");
    assertEquals(502, down.status());
    assertNull(down.headers().get("X-Storefront-ID"));
  }

  @Test
  void story002ConnectToDialsTheOverrideWhileTheOriginSeesTheSiteHost(Vertx vertx) {
    TestOrigin vhost = await(TestOrigin.start(vertx, "vhost"));
    router.putSite("customer.example", new JsonObject().put("siteId", "k3v9q2m7x1bz")
        .put("origin", origin("http://customer.example", vhost.port()))
        .put("features", new JsonObject().put("polish", "lossy")));
    router.putSite("visitor-host.example", new JsonObject()
        .put("origin", origin("http://backend.internal", vhost.port()).put("hostHeader", "client")));

    assertEquals(200, router.get("customer.example", "/index.php").status());
    assertEquals("customer.example", vhost.last().headers().get("Host"));
    assertEquals(200, router.get("visitor-host.example", "/").status());
    assertEquals("visitor-host.example", vhost.last().headers().get("Host"));
  }

  @Test
  void story002HttpsOriginThroughConnectToGetsTheUrlHostAsSni(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    router.putSite("myblog.com", new JsonObject()
        .put("origin", origin("https://static.example.me", tls.port()).put("path", "/sites/{host}")));

    RouterHarness.Answer answer = router.get("myblog.com", "/post/1");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("static.example.me", tls.last().sni());
    assertEquals("static.example.me", tls.last().headers().get("Host"));
    assertEquals("/sites/myblog.com/post/1", tls.last().uri());
    assertFalse(answer.headers().contains("X-Secret"), "hop-by-hop header named in Connection leaked");
  }
}
