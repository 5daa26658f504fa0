package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.CacheVerticle;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RFC 9111 behaviours of issue 15 through the real router and a real counting origin:
 * revalidation, ranges, targeted fields and the per-site cache settings. The cache's clock is the
 * test's, so "later" is a clock move, never a sleep.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Rfc9111RouterTest {

  private static final String HOST = "rfc.example.com";

  record Answer(int status, MultiMap headers, String body) {
    String cacheStatus() {
      return headers.get("Cache-Status");
    }
  }

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private KvStore store;
  private CountingOrigin origin;
  private HttpClientAgent client;
  private Context visitors;
  private int port;
  private long version;

  @BeforeEach
  void deploy(Vertx vertx) {
    store = await(MemoryKvStore.open(vertx, null, KvKeys.defaults()));
    ResponseCache cache = new ResponseCache(vertx, new ResponseCacheOptions(), clock::get);
    origin = await(CountingOrigin.start(vertx));
    JsonObject config = new JsonObject().put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0)
        .put("firstByteTimeout", "1s"));
    await(vertx.deployVerticle(() -> new CacheVerticle(store,
        new MicrocacheLoader(store, new Microcache(KvKeys.defaults(), new MicrocacheOptions())), cache), new DeploymentOptions().setConfig(config)));
    await(vertx.deployVerticle(() -> new RouterVerticle(ReadThroughResolver.of(vertx, store, KvKeys.defaults()), cache),
        new DeploymentOptions().setConfig(config)));
    port = BoundPorts.get(vertx, BoundPorts.ROUTER);
    visitors = vertx.getOrCreateContext();
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions());
    putSite(new JsonObject().put("enabled", true));
  }

  private void putSite(JsonObject cacheSettings) {
    JsonObject site = new JsonObject().put("host", HOST).put("tenant", "t").put("siteId", "rfc-site")
        .put("version", ++version)
        .put("origin", new JsonObject().put("url", "http://origin.test").put("connectTo", "127.0.0.1:" + origin.port()))
        .put("cache", cacheSettings);
    await(store.put(KvKeys.defaults().site(HOST), site.encode(), KvStore.ANY_VERSION));
  }

  private Answer get(String uri, String... headerPairs) {
    try {
      return send(uri, headerPairs).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("GET " + uri + " failed: " + e, e);
    }
  }

  private Future<Answer> send(String uri, String... headerPairs) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(uri);
    Promise<Answer> answer = Promise.promise();
    visitors.runOnContext(v -> client.request(options).compose(request -> {
      request.putHeader("Host", HOST);
      for (int i = 0; i < headerPairs.length; i += 2) {
        request.putHeader(headerPairs[i], headerPairs[i + 1]);
      }
      return request.send();
    }).compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b.toString())))
        .onComplete(answer));
    return answer.future();
  }

  @Test
  void aStaleEntryIsRevalidatedWithIfNoneMatchAndThe304RefreshesItsHeadersWhileTheStoredBodyIsServed() {
    List<String> seenIfNoneMatch = new CopyOnWriteArrayList<>();
    origin.on("/doc", request -> {
      String inm = request.getHeader("If-None-Match");
      seenIfNoneMatch.add(String.valueOf(inm));
      if ("\"v1\"".equals(inm)) {
        request.response().setStatusCode(304).putHeader("ETag", "\"v1\"").putHeader("Cache-Control", "max-age=60")
            .putHeader("X-Generation", "2").end();
      } else {
        request.response().putHeader("ETag", "\"v1\"").putHeader("Cache-Control", "max-age=10")
            .putHeader("X-Generation", "1").putHeader("X-Untouched", "kept").end("the whole document");
      }
    });
    assertEquals("the whole document", get("/doc").body());
    clock.addAndGet(20_000);
    Answer revalidated = get("/doc");
    assertEquals(200, revalidated.status());
    assertEquals("the whole document", revalidated.body());
    assertEquals("2", revalidated.headers().get("X-Generation"));
    assertEquals("kept", revalidated.headers().get("X-Untouched"));
    assertEquals("max-age=60", revalidated.headers().get("Cache-Control"));
    assertEquals(List.of("null", "\"v1\""), seenIfNoneMatch);
    Answer hit = get("/doc");
    assertEquals("the whole document", hit.body());
    assertTrue(hit.cacheStatus().contains("hit"), hit.cacheStatus());
    assertEquals(2, origin.count("/doc"), "the refreshed entry is fresh for 60 s");
  }

  @Test
  void concurrentRequestsForAStaleEntryMakeOneConditionalRequest(Vertx vertx) {
    List<String> seenIfNoneMatch = new CopyOnWriteArrayList<>();
    origin.on("/busy", request -> {
      String inm = request.getHeader("If-None-Match");
      seenIfNoneMatch.add(String.valueOf(inm));
      if (inm == null) {
        request.response().putHeader("ETag", "\"b1\"").putHeader("Cache-Control", "max-age=10").end("busy");
      } else {
        // Answers late, so every visitor below is waiting on the one revalidation meanwhile.
        vertx.setTimer(200, id -> request.response().setStatusCode(304).putHeader("Cache-Control", "max-age=60")
            .end());
      }
    });
    assertEquals("busy", get("/busy").body());
    clock.addAndGet(20_000);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(send("/busy"));
    }
    await(Future.all(answers));
    answers.forEach(answer -> assertEquals("busy", answer.result().body()));
    assertEquals(List.of("null", "\"b1\""), seenIfNoneMatch);
  }

  @Test
  void mustRevalidateIsNeverServedStaleEvenWhenTheOriginIsDownAndTheSiteAllowsStale() {
    putSite(new JsonObject().put("enabled", true).put("staleIfError", "1h"));
    origin.numbered("/strict", "max-age=10, must-revalidate");
    assertEquals("v1", get("/strict").body());
    clock.addAndGet(60_000);
    await(origin.stop());
    assertEquals(502, get("/strict").status());
  }

  @Test
  void noCacheResponsesAreStoredAndRevalidatedOnEveryUse() {
    List<String> seenIfModifiedSince = new CopyOnWriteArrayList<>();
    String lastModified = "Wed, 01 Jan 2020 00:00:00 GMT";
    origin.on("/nc", request -> {
      String ims = request.getHeader("If-Modified-Since");
      seenIfModifiedSince.add(String.valueOf(ims));
      if (lastModified.equals(ims)) {
        request.response().setStatusCode(304).putHeader("Cache-Control", "no-cache").end();
      } else {
        request.response().putHeader("Cache-Control", "no-cache").putHeader("Last-Modified", lastModified)
            .end("body");
      }
    });
    for (int i = 0; i < 3; i++) {
      assertEquals("body", get("/nc").body());
    }
    assertEquals(List.of("null", lastModified, lastModified), seenIfModifiedSince);
  }

  @Test
  void aVisitorsOwnConditionalOnAMissIsPassedOnAndTheOrigins304RelayedNotStored() {
    origin.on("/own", request -> {
      if ("\"mine\"".equals(request.getHeader("If-None-Match"))) {
        request.response().setStatusCode(304).putHeader("ETag", "\"mine\"").end();
      } else {
        request.response().putHeader("ETag", "\"mine\"").putHeader("Cache-Control", "max-age=60").end("full");
      }
    });
    assertEquals(304, get("/own", "If-None-Match", "\"mine\"").status());
    Answer full = get("/own");
    assertEquals(200, full.status());
    assertEquals("full", full.body(), "the 304 was not stored as the response");
    assertEquals(304, get("/own", "If-None-Match", "\"mine\"").status());
    assertEquals(2, origin.count("/own"));
  }

  @Test
  void byteRangesAreAnsweredFromTheStoredResponse() {
    origin.on("/bytes", request -> request.response().putHeader("Cache-Control", "max-age=60")
        .putHeader("ETag", "\"r1\"").end("0123456789"));
    assertEquals("0123456789", get("/bytes", "Range", "bytes=2-4").body(), "a miss fetches and serves it whole");
    Answer partial = get("/bytes", "Range", "bytes=2-4");
    assertEquals(206, partial.status());
    assertEquals("234", partial.body());
    assertEquals("bytes 2-4/10", partial.headers().get("Content-Range"));
    assertEquals("789", get("/bytes", "Range", "bytes=-3").body());
    assertEquals("56789", get("/bytes", "Range", "bytes=5-").body());
    Answer unsatisfiable = get("/bytes", "Range", "bytes=10-");
    assertEquals(416, unsatisfiable.status());
    assertEquals("bytes */10", unsatisfiable.headers().get("Content-Range"));
    assertEquals(200, get("/bytes", "Range", "bytes=0-1,4-5").status());
    assertEquals(206, get("/bytes", "Range", "bytes=0-1", "If-Range", "\"r1\"").status());
    assertEquals(200, get("/bytes", "Range", "bytes=0-1", "If-Range", "\"old\"").status());
    assertEquals(1, origin.count("/bytes"));
  }

  @Test
  void targetedFieldsOverrideCacheControlForThisCacheOnly() {
    origin.on("/cdn", request -> request.response().putHeader("Cache-Control", "no-store")
        .putHeader("CDN-Cache-Control", "max-age=60").end("cdn"));
    origin.on("/ours", request -> request.response().putHeader("Cache-Control", "max-age=60")
        .putHeader("CDN-Cache-Control", "max-age=60").putHeader("Edgeroute-Cache-Control", "no-store").end("ours"));
    get("/cdn");
    Answer hit = get("/cdn");
    assertTrue(hit.cacheStatus().contains("hit"), hit.cacheStatus());
    assertEquals("no-store", hit.headers().get("Cache-Control"), "the visitor's browser still gets Cache-Control");
    assertEquals("max-age=60", hit.headers().get("CDN-Cache-Control"), "passed on, as RFC 9213 allows");
    get("/ours");
    Answer notStored = get("/ours");
    assertEquals(2, origin.count("/ours"), "Edgeroute-Cache-Control: no-store wins over the rest");
    assertNull(notStored.headers().get("Edgeroute-Cache-Control"));
  }

  @Test
  void theSitesStaleIfErrorServesAStaleEntryWhenTheOriginIsDownWithoutTheOriginsDirective() {
    putSite(new JsonObject().put("enabled", true).put("staleIfError", "1h"));
    origin.numbered("/down", "max-age=10");
    assertEquals("v1", get("/down").body());
    clock.addAndGet(60_000);
    await(origin.stop());
    Answer stale = get("/down");
    assertEquals(200, stale.status());
    assertEquals("v1", stale.body());
    assertTrue(stale.cacheStatus().contains("stale-if-error"), stale.cacheStatus());
  }

  @Test
  void theSitesStaleWhileRevalidateServesStaleAndRefreshesInTheBackground() {
    putSite(new JsonObject().put("enabled", true).put("staleWhileRevalidate", "1m"));
    origin.numbered("/swr", "max-age=10");
    assertEquals("v1", get("/swr").body());
    clock.addAndGet(20_000);
    Answer stale = get("/swr");
    assertEquals("v1", stale.body());
    assertTrue(stale.cacheStatus().contains("stale-while-revalidate"), stale.cacheStatus());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Answer refreshed = get("/swr");
    while (!"v2".equals(refreshed.body()) && System.nanoTime() < deadline) {
      refreshed = get("/swr");
    }
    assertEquals("v2", refreshed.body());
  }

  @Test
  void aBypassCookiePatternWithAStarSkipsTheCacheAndTagsAreNotShown() {
    putSite(new JsonObject().put("enabled", true).put("bypassCookies", List.of("wordpress_logged_in_*")));
    origin.numbered("/wp", "max-age=60", "Cache-Tag", "post-1, home", "Surrogate-Key", "post-1 home");
    Answer anonymous = get("/wp");
    assertNull(anonymous.headers().get("Cache-Tag"));
    assertNull(anonymous.headers().get("Surrogate-Key"));
    assertEquals("v1", get("/wp").body());
    Answer loggedIn = get("/wp", "Cookie", "wordpress_test_cookie=1; wordpress_logged_in_5f2a=admin");
    assertEquals("v2", loggedIn.body());
    assertEquals("edgeroute; fwd=bypass; detail=cookie", loggedIn.cacheStatus());
    assertNull(loggedIn.headers().get("Cache-Tag"));
    assertEquals("v1", get("/wp", "Cookie", "wordpress_test_cookie=1").body());
  }

  @Test
  void aHitSendsTheStoredFieldsWithOneAgeAndOneCacheStatusThatAppendsToTheUpstreams() {
    origin.on("/layered", request -> request.response().putHeader("Cache-Control", "max-age=60")
        .putHeader("ETag", "\"l1\"").putHeader("Cache-Status", "upstream; hit").putHeader("Age", "3")
        .putHeader("X-Kept", "yes").end("0123456789"));
    assertEquals("0123456789", get("/layered").body());
    clock.addAndGet(5_000);
    List<Integer> statuses = new java.util.ArrayList<>();
    for (String[] ask : new String[][] {{}, {"If-None-Match", "\"l1\""}, {"Range", "bytes=2-4"}}) {
      Answer hit = get("/layered", ask);
      statuses.add(hit.status());
      assertEquals(List.of("8"), hit.headers().getAll("Age"), "RFC 9111 §4.2.3: the origin's 3 s plus 5 s stored");
      assertEquals(List.of("upstream; hit, edgeroute; hit; ttl=52"), hit.headers().getAll("Cache-Status"));
      assertEquals(List.of("\"l1\""), hit.headers().getAll("ETag"));
      switch (hit.status()) {
        case 200 -> {
          assertEquals("0123456789", hit.body());
          assertEquals("yes", hit.headers().get("X-Kept"));
        }
        case 304 -> assertEquals("", hit.body());
        case 206 -> {
          assertEquals("234", hit.body());
          assertEquals("bytes 2-4/10", hit.headers().get("Content-Range"));
        }
        default -> throw new AssertionError("unexpected status " + hit.status());
      }
    }
    assertEquals(List.of(200, 304, 206), statuses);
    assertEquals(1, origin.count("/layered"));
  }
}
