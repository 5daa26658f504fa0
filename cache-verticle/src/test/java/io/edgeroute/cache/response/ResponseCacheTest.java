package io.edgeroute.cache.response;

import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.model.PurgeSpec;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache end to end against a real origin that counts requests (SPEC §6, issue #5). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResponseCacheTest {

  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private CountingOrigin origin;
  private ResponseCache cache;
  private Visitor visitor;
  private Context context;

  @BeforeEach
  void start(Vertx vertx) {
    context = vertx.getOrCreateContext();
    origin = Visitor.await(CountingOrigin.start(vertx));
    cache = new ResponseCache(vertx, new ResponseCacheOptions(), clock::get);
    visitor = new Visitor(vertx.getOrCreateContext(), cache, origin.fetch());
  }

  /** Answers with the given Cache-Control and a body naming the how-manyth request it was. */
  private void numbered(String path, String cacheControl, String... headerPairs) {
    origin.on(path, request -> {
      var response = request.response().putHeader("Cache-Control", cacheControl);
      for (int i = 0; i < headerPairs.length; i += 2) {
        response.putHeader(headerPairs[i], headerPairs[i + 1]);
      }
      response.end("v" + origin.count(path));
    });
  }

  @Test
  void afterChangesMayHaveBeenMissedEveryStoredResponseIsRevalidatedBeforeItIsServedAgain() {
    java.util.List<String> conditionals = new java.util.concurrent.CopyOnWriteArrayList<>();
    origin.on("/page", request -> {
      String ifNoneMatch = request.getHeader("If-None-Match");
      conditionals.add(String.valueOf(ifNoneMatch));
      var response = request.response().putHeader("Cache-Control", "max-age=600").putHeader("ETag", "\"v1\"");
      if ("\"v1\"".equals(ifNoneMatch)) {
        response.setStatusCode(304).end();
      } else {
        response.end("body");
      }
    });
    visitor.get("/page");
    assertEquals("edgeroute; hit; ttl=600", visitor.get("/page").cacheStatus());

    cache.revalidateAll();
    clock.addAndGet(1);
    Visitor.Answer checked = visitor.get("/page");

    assertEquals(200, checked.status());
    assertEquals("body", checked.text(), "the stored body, confirmed by the origin");
    assertEquals(java.util.List.of("null", "\"v1\""), conditionals, "one plain fetch, then one conditional");
    Visitor.Answer after = visitor.get("/page");
    assertEquals("body", after.text());
    assertTrue(after.cacheStatus().startsWith("edgeroute; hit"), after.cacheStatus());
    assertEquals(2, origin.count("/page"), "trusted again once revalidated");
  }

  @Test
  void changingAFeatureMakesTheNextRequestAMissAndTheOldVariantIsNeverServedAgain() {
    numbered("/page", "max-age=600");
    Site lossless = new Site("example.com", "t", "s1", 2, null, null, null, Map.of("polish", "lossless"),
        Requests.SITE.cache(), 0, null);

    Visitor.Answer first = visitor.get("/page");
    assertEquals("v1", first.text());
    assertEquals("edgeroute; fwd=miss; stored", first.cacheStatus());
    Visitor.Answer hit = visitor.get("/page");
    assertEquals("v1", hit.text());
    assertEquals("edgeroute; hit; ttl=600", hit.cacheStatus());
    assertEquals("0", hit.headers().get("Age"));

    Visitor.Answer changed = Visitor.await(visitor.send(Requests.request("GET", lossless, "/page")));
    assertEquals("v2", changed.text());
    assertTrue(changed.cacheStatus().contains("fwd=miss"));
    for (int i = 0; i < 3; i++) {
      assertEquals("v2", Visitor.await(visitor.send(Requests.request("GET", lossless, "/page"))).text());
    }
    assertEquals(2, origin.count("/page"));
  }

  @Test
  void responsesThatForbidStoringAreNeverStored() {
    numbered("/cookie", "max-age=60", "Set-Cookie", "session=1");
    numbered("/private", "private, max-age=60");
    numbered("/no-store", "no-store, max-age=60");
    numbered("/vary-star", "max-age=60", "Vary", "*");
    for (String path : List.of("/cookie", "/private", "/no-store", "/vary-star")) {
      assertEquals("v1", visitor.get(path).text());
      Visitor.Answer second = visitor.get(path);
      assertEquals("v2", second.text(), path);
      assertTrue(second.cacheStatus().startsWith("edgeroute; fwd=miss; detail="), second.cacheStatus());
      assertEquals(2, origin.count(path), path);
    }
    assertEquals(0, cache.store().size());
  }

  @Test
  void varyAcceptEncodingKeepsGzipAndIdentityVariantsApart() {
    origin.on("/v", request -> request.response().putHeader("Cache-Control", "max-age=60")
        .putHeader("Vary", "Accept-Encoding")
        .end("gzip".equals(request.getHeader("Accept-Encoding")) ? "gzip-body" : "identity-body"));
    assertEquals("gzip-body", visitor.get("/v", "Accept-Encoding", "gzip").text());
    assertEquals("identity-body", visitor.get("/v").text());
    Visitor.Answer gzip = visitor.get("/v", "Accept-Encoding", "gzip");
    Visitor.Answer identity = visitor.get("/v");
    assertEquals("gzip-body", gzip.text());
    assertEquals("identity-body", identity.text());
    assertTrue(gzip.cacheStatus().contains("hit"));
    assertTrue(identity.cacheStatus().contains("hit"));
    assertEquals(2, origin.count("/v"));
  }

  @Test
  void aRequestWithAuthorizationIsAnsweredFromCacheOnlyWhenTheResponseWasPublicOrSharedMaxAge() {
    numbered("/plain", "max-age=60");
    numbered("/public", "public, max-age=60");
    numbered("/shared", "s-maxage=60");

    assertEquals("v1", visitor.get("/plain").text());
    assertEquals("v2", visitor.get("/plain", "Authorization", "Bearer a").text());
    assertEquals("v3", visitor.get("/plain", "Authorization", "Bearer a").text());
    assertEquals("v1", visitor.get("/plain").text(), "the authorized answers were not stored over it");

    assertEquals("v1", visitor.get("/public").text());
    assertEquals("v1", visitor.get("/public", "Authorization", "Bearer a").text());
    assertEquals(1, origin.count("/public"));

    assertEquals("v1", visitor.get("/shared", "Authorization", "Bearer a").text());
    assertEquals("v1", visitor.get("/shared", "Authorization", "Bearer b").text());
    assertEquals(1, origin.count("/shared"));
  }

  @Test
  void ifNoneMatchOnAHitIsAnswered304WithoutTheOrigin() {
    numbered("/etag", "max-age=60", "ETag", "\"abc\"");
    assertEquals(200, visitor.get("/etag").status());
    Visitor.Answer notModified = visitor.get("/etag", "If-None-Match", "\"abc\"");
    assertEquals(304, notModified.status());
    assertEquals(0, notModified.body().length());
    assertEquals("\"abc\"", notModified.headers().get("ETag"));
    assertNull(notModified.headers().get("Content-Length"));
    assertEquals(200, visitor.get("/etag", "If-None-Match", "\"other\"").status());
    assertEquals(1, origin.count("/etag"));
  }

  @Test
  void headIsAnsweredFromTheGetEntry() {
    numbered("/h", "max-age=60");
    assertEquals("v1", visitor.get("/h").text());
    Visitor.Answer head = Visitor.await(visitor.send(Requests.request("HEAD", Requests.SITE, "/h")));
    assertEquals(200, head.status());
    assertEquals(0, head.body().length());
    assertEquals("2", head.headers().get("Content-Length"));
    assertTrue(head.cacheStatus().contains("hit"));
    assertEquals(1, origin.count("/h"));
  }

  @Test
  void ageCountsTheTimeInTheCacheAndTtlRunsDown() {
    numbered("/age", "max-age=100");
    visitor.get("/age");
    clock.addAndGet(30_000);
    Visitor.Answer hit = visitor.get("/age");
    assertEquals("30", hit.headers().get("Age"));
    assertEquals("edgeroute; hit; ttl=70", hit.cacheStatus());
    clock.addAndGet(70_000);
    assertEquals("v2", visitor.get("/age").text(), "expired without a stale window: fetched again");
  }

  @Test
  void whatARouterChangesInAHitsFieldsNeverReachesTheStoredOnesOrTheNextHit() {
    numbered("/cow", "max-age=100", "X-Kept", "kept", "ETag", "\"e1\"");
    visitor.get("/cow");
    for (int i = 1; i <= 3; i++) {
      clock.addAndGet(10_000);
      // As a router's response map takes them: the stored fields, then its own changes.
      MultiMap out = HeadersMultiMap.httpHeaders();
      served("/cow").copyHeadersTo(out);
      assertEquals(List.of(Integer.toString(i * 10)), out.getAll("Age"));
      assertEquals(List.of("edgeroute; hit; ttl=" + (100 - i * 10)), out.getAll(CacheStatus.HEADER));
      assertEquals("kept", out.get("X-Kept"));
      out.remove("X-Kept");
      out.set("Cache-Control", "no-store");
      out.add("ETag", "\"other\"");
      out.add("X-Site-" + i, "added");
    }
    Visitor.Answer next = visitor.get("/cow");
    assertEquals("v1", next.text());
    assertEquals("kept", next.headers().get("X-Kept"));
    assertEquals(List.of("max-age=100"), next.headers().getAll("Cache-Control"));
    assertEquals(List.of("\"e1\""), next.headers().getAll("ETag"));
    assertEquals(List.of("30"), next.headers().getAll("Age"));
    assertFalse(next.headers().names().stream().anyMatch(n -> n.startsWith("X-Site")), next.headers().toString());
    assertEquals(1, origin.count("/cow"));
  }

  /** Serves {@code path} on the visitor's context and hands back what the router would send. */
  private ServedResponse served(String path) {
    Promise<ServedResponse> served = Promise.promise();
    context.runOnContext(v -> cache.serve(Requests.get(path), origin.fetch()).onComplete(served));
    return Visitor.await(served.future());
  }

  @Test
  void aBypassCookieSkipsTheCache() {
    numbered("/wp", "max-age=60");
    visitor.get("/wp");
    Visitor.Answer loggedIn = visitor.get("/wp", "Cookie", "a=1; wordpress_logged_in_abc=x");
    assertEquals("v2", loggedIn.text());
    assertEquals("edgeroute; fwd=bypass; detail=cookie", loggedIn.cacheStatus());
    assertEquals("v1", visitor.get("/wp", "Cookie", "wordpress_test_cookie=1").text());
  }

  @Test
  void purgeByTagThroughTheCacheMakesTheNextRequestAMiss() {
    numbered("/p/1", "max-age=60", "Cache-Tag", "product, p1");
    numbered("/p/2", "max-age=60", "Cache-Tag", "product,p2");
    numbered("/home", "max-age=60", "Cache-Tag", "home");
    List.of("/p/1", "/p/2", "/home").forEach(visitor::get);
    assertEquals(2, cache.purge("s1", new PurgeSpec(null, null, List.of("product"), false)));
    assertEquals("v2", visitor.get("/p/1").text());
    assertEquals("v2", visitor.get("/p/2").text());
    assertEquals("v1", visitor.get("/home").text());
  }

  @Test
  void aSiteWithTheCacheDisabledIsProxiedUntouched() {
    numbered("/off", "max-age=60");
    Site off = Requests.SITE.withSiteId("s9");
    off = new Site(off.host(), off.tenant(), off.siteId(), 1, null, null, null, null, null, 0, null);
    Visitor.Answer answer = Visitor.await(visitor.send(Requests.request("GET", off, "/off")));
    assertNull(answer.cacheStatus());
    assertEquals("v2", Visitor.await(visitor.send(Requests.request("GET", off, "/off"))).text());
    assertFalse(cache.store().size() > 0);
  }

  @Test
  void aNewGenerationIsAMissAndItsFirstStoredResponseFreesTheOldEntries() {
    numbered("/g", "max-age=60");
    numbered("/h", "max-age=60");
    visitor.get("/g");
    visitor.get("/h");
    assertEquals(2, cache.store().size());
    Site bumped = Requests.SITE.withCacheGeneration(1);

    assertEquals("v2", Visitor.await(visitor.send(Requests.request("GET", bumped, "/g"))).text());

    assertEquals(1, cache.store().size(), "generation 0 (both paths) dropped when generation 1 was stored");
    assertEquals("v2", Visitor.await(visitor.send(Requests.request("GET", bumped, "/g"))).text());
  }

  @Test
  void aHundredConcurrentRequestsForOneColdUrlMakeOneOriginRequest(Vertx vertx) {
    // The origin answers late, so all hundred are in flight while the first one is.
    origin.on("/cold", request -> vertx.setTimer(100, id -> request.response()
        .putHeader("Cache-Control", "max-age=60").end("v" + origin.count("/cold"))));
    List<Future<Visitor.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(visitor.send(Requests.get("/cold")));
    }
    Visitor.await(Future.all(answers));
    for (Future<Visitor.Answer> answer : answers) {
      assertEquals("v1", answer.result().text());
    }
    assertEquals(1, origin.count("/cold"));
    assertEquals(0, cache.coalescer().inFlight(), "the flight ended");
  }

  @Test
  void staleWhileRevalidateServesStaleAndRefreshesOnce() {
    // The refresh is held at the origin until the stale answers are in, so they cannot race it.
    Promise<Void> releaseRefresh = Promise.promise();
    origin.on("/swr", request -> {
      int n = origin.count("/swr");
      (n == 1 ? Future.<Void>succeededFuture() : releaseRefresh.future()).onComplete(v -> request.response()
          .putHeader("Cache-Control", "max-age=1, stale-while-revalidate=60").end("v" + n));
    });
    assertEquals("v1", visitor.get("/swr").text());
    clock.addAndGet(2_000);
    for (int i = 0; i < 5; i++) {
      Visitor.Answer stale = visitor.get("/swr");
      assertEquals("v1", stale.text());
      assertEquals("edgeroute; hit; ttl=-1; detail=stale-while-revalidate", stale.cacheStatus());
    }
    Visitor.await(origin.arrival("/swr", 2));
    releaseRefresh.complete();
    Visitor.Answer refreshed = pollUntil(() -> visitor.get("/swr"), a -> "v2".equals(a.text()));
    assertTrue(refreshed.cacheStatus().startsWith("edgeroute; hit; ttl="), refreshed.cacheStatus());
    assertEquals(2, origin.count("/swr"), "one background refresh for five stale answers");
  }

  @Test
  void staleIfErrorServesStaleWhileTheOriginIsDown() {
    numbered("/sie", "max-age=1, stale-if-error=60");
    assertEquals("v1", visitor.get("/sie").text());
    clock.addAndGet(2_000);
    Visitor.await(origin.stop());
    Visitor.Answer stale = visitor.get("/sie");
    assertEquals(200, stale.status());
    assertEquals("v1", stale.text());
    assertEquals("edgeroute; fwd=stale; ttl=-1; detail=stale-if-error", stale.cacheStatus());
    assertEquals("v1", visitor.get("/sie").text(), "still down, still stale");
    assertEquals(0, cache.coalescer().inFlight(), "a failed fetch ends the flight");
  }

  @Test
  void staleIfErrorServesStaleWhenTheOriginAnswers5xx() {
    origin.on("/five", request -> {
      int n = origin.count("/five");
      request.response().setStatusCode(n == 1 ? 200 : 503)
          .putHeader("Cache-Control", n == 1 ? "max-age=1, stale-if-error=60" : "no-store").end("v" + n);
    });
    assertEquals("v1", visitor.get("/five").text());
    clock.addAndGet(2_000);
    Visitor.Answer stale = visitor.get("/five");
    assertEquals(200, stale.status());
    assertEquals("v1", stale.text());
    assertEquals("edgeroute; fwd=stale; fwd-status=503; ttl=-1; detail=stale-if-error", stale.cacheStatus());
    assertEquals(2, origin.count("/five"));
  }

  @Test
  void withoutStaleIfErrorAnOriginFailureIsTheCallersToMap() {
    numbered("/gone", "max-age=1");
    visitor.get("/gone");
    clock.addAndGet(2_000);
    Visitor.await(origin.stop());
    Future<Visitor.Answer> failed = visitor.send(Requests.get("/gone"));
    Visitor.await(failed.otherwiseEmpty());
    assertTrue(failed.failed());
  }

  @Test
  void aLargeBodyIsStoredInDirectMemoryAndEveryHitRangeAndHeadIsServedFromIt() {
    byte[] bytes = new byte[200 * 1024];
    new java.util.Random(7).nextBytes(bytes);
    Buffer big = Buffer.buffer(bytes);
    origin.on("/big", request -> request.response().putHeader("Cache-Control", "max-age=60").end(big));
    Visitor.Answer miss = visitor.get("/big");
    assertEquals(big, miss.body());
    Visitor.Answer hit = visitor.get("/big");
    assertTrue(hit.cacheStatus().startsWith("edgeroute; hit"), hit.cacheStatus());
    assertTrue(StoredBodies.isDirect(hit.body()), "a hit is served from the stored direct copy");
    assertEquals(big, hit.body());
    assertEquals(big, visitor.get("/big").body(), "the stored copy is not consumed by a hit");
    Visitor.Answer range = visitor.get("/big", "Range", "bytes=100000-100999");
    assertEquals(206, range.status());
    assertEquals(big.slice(100_000, 101_000), range.body());
    Visitor.Answer head = Visitor.await(visitor.send(Requests.request("HEAD", Requests.SITE, "/big")));
    assertEquals(0, head.body().length());
    assertEquals(String.valueOf(bytes.length), head.headers().get("Content-Length"));
    assertEquals(1, origin.count("/big"));
  }

  @Test
  void aSmallBodyIsStoredInTheHeap() {
    numbered("/small", "max-age=60");
    visitor.get("/small");
    Visitor.Answer hit = visitor.get("/small");
    assertEquals("v1", hit.text());
    assertFalse(StoredBodies.isDirect(hit.body()));
  }

  @Test
  void aResponseLargerThanMaxObjectBytesStreamsThroughAndIsNotStored(Vertx vertx) {
    cache.updateOptions(new ResponseCacheOptions().setMaxBytes(1 << 20).setMaxObjectBytes(1024));
    byte[] big = new byte[64 * 1024];
    origin.on("/big", request -> request.response().putHeader("Cache-Control", "max-age=60").end(Buffer.buffer(big)));
    origin.on("/chunked", request -> request.response().setChunked(true).putHeader("Cache-Control", "max-age=60")
        .write(Buffer.buffer(new byte[800])).compose(v -> request.response().end(Buffer.buffer(new byte[800]))));
    Visitor.Answer first = visitor.get("/big");
    assertEquals(big.length, first.body().length());
    assertEquals("edgeroute; fwd=miss; detail=too-large", first.cacheStatus());
    assertEquals(big.length, visitor.get("/big").body().length());
    assertEquals(2, origin.count("/big"));
    assertEquals(1600, visitor.get("/chunked").body().length());
    assertEquals(1600, visitor.get("/chunked").body().length());
    assertEquals(2, origin.count("/chunked"), "over the limit while streaming: given up, not stored");
    assertEquals(0, cache.store().size());
    assertEquals(0, cache.coalescer().inFlight(), "giving up ends the flight");
  }

  @Test
  void tenThousandDistinctObjectsAgainstASmallMaxBytesKeepTheBound() {
    long maxBytes = 512 * 1024;
    cache.updateOptions(new ResponseCacheOptions().setMaxBytes(maxBytes).setMaxObjectBytes(64 * 1024));
    origin.on("/obj", request -> request.response().putHeader("Cache-Control", "max-age=600")
        .end(Buffer.buffer(new byte[200 + Integer.parseInt(request.getParam("i")) % 1800])));
    long bodyBytes = 0;
    for (int batch = 0; batch < 100; batch++) {
      List<Future<Visitor.Answer>> answers = new ArrayList<>();
      for (int i = batch * 100; i < batch * 100 + 100; i++) {
        answers.add(visitor.send(Requests.get("/obj?i=" + i)));
      }
      Visitor.await(Future.all(answers));
      for (Future<Visitor.Answer> answer : answers) {
        bodyBytes += answer.result().body().length();
      }
      assertTrue(cache.store().weightedBytes() <= maxBytes, "bound exceeded after batch " + batch);
    }
    assertEquals(10_000, origin.count("/obj"));
    assertTrue(bodyBytes > 10 * maxBytes, "far more was offered than fits: " + bodyBytes);
    long retained = cache.store().weightedBytes();
    int kept = cache.store().size();
    assertTrue(retained <= maxBytes && retained > maxBytes / 2, "retained " + retained + " of " + maxBytes);
    assertTrue(kept > 100 && kept < 10_000, "kept " + kept);
    assertEquals("edgeroute; hit; ttl=600", visitor.get("/obj?i=9999").cacheStatus().substring(0, 23));
    assertEquals(kept, cache.purge("s1", PurgeSpec.everything()));
    assertEquals(0, cache.store().weightedBytes());
  }

  /** Asks again until the answer satisfies the test; gives up after 10 s (no sleeping: each ask is a round trip). */
  private static Visitor.Answer pollUntil(Supplier<Visitor.Answer> ask, Predicate<Visitor.Answer> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Visitor.Answer answer = ask.get();
    while (!done.test(answer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still " + answer.text() + " / " + answer.cacheStatus());
      }
      answer = ask.get();
    }
    return answer;
  }
}
