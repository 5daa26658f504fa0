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
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.PurgeSpec;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The response cache in front of a real origin that counts requests, through two real router
 * instances sharing one cache, over the memory store and its change channel (SPEC §6, issue #5).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CachingRouterTest {

  private static final String HOST = "cached.example.com";

  /** A visitor's view of one answer. */
  record Answer(int status, MultiMap headers, String body) {
    String cacheStatus() {
      return headers.get("Cache-Status");
    }
  }

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private Vertx vertx;
  private KvStore store;
  private ResponseCache cache;
  private CountingOrigin origin;
  private HttpClientAgent client;
  private Context visitors;
  private int port;
  private long version;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    store = await(MemoryKvStore.open(vertx, null, KvKeys.defaults()));
    cache = new ResponseCache(vertx, new ResponseCacheOptions(), clock::get);
    origin = await(CountingOrigin.start(vertx));
    JsonObject config = new JsonObject().put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0)
        .put("firstByteTimeout", "1s"));
    await(vertx.deployVerticle(() -> new CacheVerticle(store, new MicrocacheLoader(store, new Microcache(KvKeys.defaults(), new MicrocacheOptions())), cache), new DeploymentOptions().setConfig(config)));
    await(vertx.deployVerticle(() -> new RouterVerticle(ReadThroughResolver.of(vertx, store, KvKeys.defaults()), cache),
        new DeploymentOptions().setConfig(config).setInstances(2)));
    port = BoundPorts.get(vertx, BoundPorts.ROUTER);
    visitors = vertx.getOrCreateContext();
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(100));
    putSite(new JsonObject().put("polish", "lossy"), 0);
  }

  private void putSite(JsonObject features, long cacheGeneration) {
    JsonObject site = new JsonObject().put("host", HOST).put("tenant", "t").put("siteId", "site-1")
        .put("version", ++version)
        .put("origin", new JsonObject().put("url", "http://origin.test").put("connectTo", "127.0.0.1:" + origin.port()))
        .put("features", features)
        .put("cache", new JsonObject().put("enabled", true).put("bypassCookies", List.of("wordpress_logged_in_")))
        .put("cacheGeneration", cacheGeneration);
    await(store.put(KvKeys.defaults().site(HOST), site.encode(), KvStore.ANY_VERSION));
  }

  /**
   * Sends from the visitors' own event-loop context: a Vert.x client driven from the test thread
   * can see a small response's body before {@code body()} is attached and then wait forever.
   */
  private Future<Answer> send(HttpMethod method, String uri, String... headerPairs) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
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

  private Answer get(String uri, String... headerPairs) {
    try {
      return send(HttpMethod.GET, uri, headerPairs).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("GET " + uri + " failed (" + origin.count(uri) + " origin requests, "
          + cache.store().size() + " stored): " + e, e);
    }
  }

  /** Asks again until the answer satisfies the test; each ask is a round trip, so nothing sleeps. */
  private Answer pollUntil(String uri, Predicate<Answer> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Answer answer = get(uri);
    while (!done.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(uri + " still " + answer.body() + " / " + answer.cacheStatus());
      }
      answer = get(uri);
    }
    return answer;
  }

  @Test
  void changingTheSitesFeaturesMakesTheNextRequestAMissAndTheOldVariantIsNeverServedAgain() {
    origin.numbered("/page", "max-age=600");
    Answer miss = get("/page");
    assertEquals("v1", miss.body());
    assertEquals("edgeroute; fwd=miss; stored", miss.cacheStatus());
    Answer hit = get("/page");
    assertEquals("v1", hit.body());
    assertEquals("edgeroute; hit; ttl=600", hit.cacheStatus());
    assertEquals("0", hit.headers().get("Age"));
    assertEquals(1, origin.count("/page"));

    putSite(new JsonObject().put("polish", "lossless"), 0);
    Answer changed = get("/page");
    assertEquals("v2", changed.body());
    assertEquals("edgeroute; fwd=miss; stored", changed.cacheStatus());
    for (int i = 0; i < 10; i++) {
      assertEquals("v2", get("/page").body(), "the lossy variant is never served again");
    }
    assertEquals(2, origin.count("/page"));
  }

  @Test
  void aHundredConcurrentRequestsForOneColdUrlMakeOneOriginRequest() {
    // The origin answers late, so all hundred are waiting on both router instances meanwhile.
    origin.on("/cold", request -> vertx.setTimer(200, id -> request.response()
        .putHeader("Cache-Control", "max-age=60").end("v" + origin.count("/cold"))));
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(send(HttpMethod.GET, "/cold"));
    }
    await(Future.all(answers));
    for (Future<Answer> answer : answers) {
      assertEquals(200, answer.result().status());
      assertEquals("v1", answer.result().body());
    }
    assertEquals(1, origin.count("/cold"));
  }

  @Test
  void ifNoneMatchOnAHitIs304WithoutTouchingTheOrigin() {
    origin.numbered("/etag", "max-age=60", "ETag", "\"abc\"", "Last-Modified", "Tue, 14 Nov 2023 22:00:00 GMT");
    assertEquals(200, get("/etag").status());
    Answer notModified = get("/etag", "If-None-Match", "\"abc\"");
    assertEquals(304, notModified.status());
    assertEquals("", notModified.body());
    assertEquals("\"abc\"", notModified.headers().get("ETag"));
    Answer sinceModified = get("/etag", "If-Modified-Since", "Wed, 15 Nov 2023 00:00:00 GMT");
    assertEquals(304, sinceModified.status());
    assertEquals(200, get("/etag", "If-None-Match", "\"other\"").status());
    assertEquals(1, origin.count("/etag"));
  }

  @Test
  void hopByHopFieldsTheOriginNamedInConnectionAreNotServedFromTheCache() {
    origin.numbered("/hop", "max-age=60", "Connection", "X-Secret", "X-Secret", "hop", "X-Kept", "end-to-end");
    for (int i = 0; i < 2; i++) {
      Answer answer = get("/hop");
      assertNull(answer.headers().get("X-Secret"), answer.cacheStatus());
      assertEquals("end-to-end", answer.headers().get("X-Kept"));
    }
    assertEquals(1, origin.count("/hop"));
  }

  @Test
  void aSuccessfulPostToACachedUriInvalidatesItAndAFailedOneDoesNot() {
    origin.on("/item", request -> {
      if (request.method() == HttpMethod.GET) {
        request.response().putHeader("Cache-Control", "max-age=600").end("v" + origin.count("/item"));
      } else {
        request.response().setStatusCode("fail".equals(request.getParam("x")) ? 500 : 200).end();
      }
    });
    assertEquals("v1", get("/item").body());
    assertEquals(500, await(send(HttpMethod.POST, "/item?x=fail")).status());
    assertEquals("v1", get("/item").body(), "another URI, and a failure besides");
    assertEquals(200, await(send(HttpMethod.POST, "/item")).status());
    Answer after = get("/item");
    assertEquals("v4", after.body());
    assertEquals("edgeroute; fwd=miss; stored", after.cacheStatus());
  }

  @Test
  void anUnsafeRequestInvalidatesTheStoredUriBeforeItsAnswerReachesTheVisitor() {
    AtomicReference<HttpServerResponse> held = new AtomicReference<>();
    origin.on("/doc", request -> {
      if (request.method() == HttpMethod.GET) {
        request.response().putHeader("Cache-Control", "max-age=600").end("v" + origin.count("/doc"));
      } else {
        // The PUT's head goes out now; its body is held until the test has asked for the URI again.
        request.response().setChunked(true).write("saved");
        held.set(request.response());
      }
    });
    assertEquals("v1", get("/doc").body());
    assertEquals("v1", get("/doc").body(), "stored");
    Promise<HttpClientResponse> putHead = Promise.promise();
    visitors.runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1")
            .setPort(port).setURI("/doc"))
        .compose(request -> request.putHeader("Host", HOST).send())
        .onComplete(putHead));
    assertEquals(200, await(putHead.future()).statusCode());
    // The visitor has the PUT's answer (its head), not yet all of it: the stored copy is gone already.
    assertEquals("v3", get("/doc").body());
    vertx.runOnContext(v -> held.get().end());
  }

  @Test
  void headIsAnsweredFromTheGetEntry() {
    origin.numbered("/h", "max-age=60");
    assertEquals("v1", get("/h").body());
    Answer head = await(send(HttpMethod.HEAD, "/h"));
    assertEquals(200, head.status());
    assertEquals("", head.body());
    assertEquals("2", head.headers().get("Content-Length"));
    assertTrue(head.cacheStatus().startsWith("edgeroute; hit"), head.cacheStatus());
    assertEquals(1, origin.count("/h"));
  }

  @Test
  void staleIfErrorServesTheStaleEntryWhileTheOriginIsDown() {
    origin.numbered("/sie", "max-age=1, stale-if-error=600");
    origin.numbered("/plain", "max-age=1");
    assertEquals("v1", get("/sie").body());
    assertEquals("v1", get("/plain").body());
    clock.addAndGet(5_000);
    await(origin.stop());
    Answer stale = get("/sie");
    assertEquals(200, stale.status());
    assertEquals("v1", stale.body());
    assertEquals("edgeroute; fwd=stale; ttl=-4; detail=stale-if-error", stale.cacheStatus());
    assertEquals(502, get("/plain").status(), "no stale-if-error: the failure is the router's to answer");
  }

  @Test
  void staleIfErrorServesTheStaleEntryWhenTheOriginTimesOut() {
    for (String path : List.of("/slow-sie", "/slow")) {
      origin.on(path, request -> {
        // Answers once; then keeps every later request waiting past router.firstByteTimeout.
        if (origin.count(path) == 1) {
          request.response().putHeader("Cache-Control", path.equals("/slow") ? "max-age=1"
              : "max-age=1, stale-if-error=600").end("v1");
        }
      });
      assertEquals("v1", get(path).body());
    }
    clock.addAndGet(5_000);
    Answer stale = get("/slow-sie");
    assertEquals("v1", stale.body());
    assertEquals("edgeroute; fwd=stale; ttl=-4; detail=stale-if-error", stale.cacheStatus());
    assertEquals(504, get("/slow").status());
  }

  @Test
  void staleWhileRevalidateServesStaleAndRefreshesOnce() {
    origin.numbered("/swr", "max-age=1, stale-while-revalidate=600");
    assertEquals("v1", get("/swr").body());
    clock.addAndGet(5_000);
    Answer stale = get("/swr");
    assertEquals("v1", stale.body());
    assertTrue(stale.cacheStatus().endsWith("detail=stale-while-revalidate"), stale.cacheStatus());
    pollUntil("/swr", a -> "v2".equals(a.body()));
    assertEquals(2, origin.count("/swr"));
  }

  @Test
  void aBypassCookieGoesToTheOriginAndAnAuthorizedRequestIsNotAnsweredFromAPlainEntry() {
    origin.numbered("/wp", "max-age=60");
    assertEquals("v1", get("/wp").body());
    Answer loggedIn = get("/wp", "Cookie", "wordpress_logged_in_1=x");
    assertEquals("v2", loggedIn.body());
    assertEquals("edgeroute; fwd=bypass; detail=cookie", loggedIn.cacheStatus());
    assertEquals("v3", get("/wp", "Authorization", "Bearer x").body());
    assertEquals("v1", get("/wp").body());
  }

  @Test
  void aLargeObjectStreamsThroughWhole() {
    cache.updateOptions(new ResponseCacheOptions().setMaxBytes(1 << 20).setMaxObjectBytes(64 * 1024));
    Buffer big = Buffer.buffer(new byte[512 * 1024]);
    origin.on("/big", request -> request.response().putHeader("Cache-Control", "max-age=60").end(big));
    Answer first = get("/big");
    assertEquals(big.length(), first.body().length());
    assertEquals("edgeroute; fwd=miss; detail=too-large", first.cacheStatus());
    assertEquals(big.length(), get("/big").body().length());
    assertEquals(2, origin.count("/big"));
  }

  @Test
  void aLargeStoredBodyReachesEveryVisitorWholeFromBothRouterInstances() {
    StringBuilder text = new StringBuilder();
    for (int line = 0; text.length() < 256 * 1024; line++) {
      text.append(String.format("line %06d of a body that is kept in direct memory%n", line));
    }
    String body = text.toString();
    origin.on("/large", request -> request.response().putHeader("Cache-Control", "max-age=60").end(body));
    assertEquals(body, get("/large").body());
    // Concurrent hits open connections the two router instances share, each written from the one stored copy.
    List<Future<Answer>> hits = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hits.add(send(HttpMethod.GET, "/large"));
    }
    for (Future<Answer> hit : hits) {
      Answer answer = await(hit);
      assertTrue(answer.cacheStatus().startsWith("edgeroute; hit"), answer.cacheStatus());
      assertEquals(body, answer.body());
    }
    Answer range = get("/large", "Range", "bytes=65536-131071");
    assertEquals(206, range.status());
    assertEquals(body.substring(65536, 131072), range.body());
    assertEquals(1, origin.count("/large"));
  }

  @Test
  void aVisitorWhoLeavesMidStreamLeavesNothingHalfStored() {
    Promise<Void> originSawTheEnd = Promise.promise();
    origin.on("/half", request -> {
      var response = request.response().setChunked(true).putHeader("Cache-Control", "max-age=60");
      if (origin.count("/half") == 1) {
        // The first answer stops after one chunk; the router must give up on it when the visitor leaves.
        request.connection().closeHandler(v -> originSawTheEnd.tryComplete());
        response.write(Buffer.buffer(new byte[1000]));
      } else {
        response.write(Buffer.buffer(new byte[1000])).compose(v -> response.end(Buffer.buffer(new byte[1000])));
      }
    });
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/half");
    Promise<Void> left = Promise.promise();
    visitors.runOnContext(x -> client.request(options).compose(r -> r.putHeader("Host", HOST).send())
        .compose(response -> {
          Promise<Void> firstChunk = Promise.promise();
          response.handler(chunk -> firstChunk.tryComplete());
          return firstChunk.future().onSuccess(v -> response.request().reset());
        }).onComplete(left));
    await(left.future());
    await(originSawTheEnd.future());
    Answer next = get("/half");
    assertEquals(2000, next.body().length());
    assertEquals("edgeroute; fwd=miss; stored", next.cacheStatus(), "no flight left behind, nothing stored half");
    assertEquals(2000, get("/half").body().length());
    assertEquals(2, origin.count("/half"));
  }

  @Test
  void purgesByPathPrefixTagAndAllEachRemoveExactlyWhatTheyName() {
    List<String> paths = List.of("/a", "/blog/1", "/blog/2", "/blogroll", "/p/1", "/p/2");
    for (String path : paths) {
      origin.numbered(path, "max-age=600", "Cache-Tag", path.startsWith("/p/") ? "product" : "page");
      assertEquals("v1", get(path).body());
      assertEquals("v1", get(path).body());
    }
    purge(new PurgeSpec(List.of("/a"), null, null, false), "/a");
    assertHits(List.of("/blog/1", "/blog/2", "/blogroll", "/p/1", "/p/2"));

    purge(new PurgeSpec(null, List.of("/blog/*"), null, false), "/blog/1");
    assertEquals("v2", get("/blog/2").body());
    assertHits(List.of("/a", "/blogroll", "/p/1", "/p/2"));

    purge(new PurgeSpec(null, null, List.of("product"), false), "/p/1");
    assertEquals("v2", get("/p/2").body());
    assertHits(List.of("/a", "/blog/1", "/blog/2", "/blogroll"));

    // Purge everything: the admin bumps cacheGeneration, so old keys are unreachable at once.
    putSite(new JsonObject().put("polish", "lossy"), 1);
    for (String path : paths) {
      assertTrue(get(path).cacheStatus().startsWith("edgeroute; fwd=miss"), path);
    }
    assertHits(paths);
    purge(PurgeSpec.everything(), "/a");
    for (String path : paths.subList(1, paths.size())) {
      assertTrue(get(path).cacheStatus().startsWith("edgeroute; fwd=miss"), path);
    }
  }

  /** Publishes a purge on the change channel and waits until {@code probe} is a miss again. */
  private void purge(PurgeSpec spec, String probe) {
    int before = origin.count(probe);
    await(store.publish(KvChange.purge(HOST, version, spec)));
    pollUntil(probe, a -> !a.cacheStatus().startsWith("edgeroute; hit"));
    assertEquals(before + 1, origin.count(probe));
  }

  private void assertHits(List<String> paths) {
    for (String path : paths) {
      int before = origin.count(path);
      Answer answer = get(path);
      assertTrue(answer.cacheStatus().startsWith("edgeroute; hit"), path + ": " + answer.cacheStatus());
      assertEquals(before, origin.count(path), path);
    }
  }

  @Test
  void aSiteWithoutTheCacheIsProxiedWithoutCacheStatus() {
    origin.numbered("/off", "max-age=60");
    JsonObject site = new JsonObject().put("host", "plain.example.com").put("siteId", "site-2")
        .put("origin", new JsonObject().put("url", "http://origin.test").put("connectTo", "127.0.0.1:" + origin.port()));
    await(store.put(KvKeys.defaults().site("plain.example.com"), site.encode(), KvStore.ANY_VERSION));
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/off");
    for (int i = 1; i <= 2; i++) {
      Promise<Answer> promise = Promise.promise();
      visitors.runOnContext(v -> client.request(options).compose(r -> r.putHeader("Host", "plain.example.com").send())
          .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.headers(), b.toString()))).onComplete(promise));
      Answer answer = await(promise.future());
      assertEquals("v" + i, answer.body());
      assertNull(answer.cacheStatus());
    }
  }
}
