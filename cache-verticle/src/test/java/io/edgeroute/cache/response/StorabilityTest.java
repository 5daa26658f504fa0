package io.edgeroute.cache.response;

import io.edgeroute.shared.model.CacheSettings;
import io.edgeroute.shared.model.Site;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorabilityTest {

  private static String reason(CacheRequest request, int status, String... responseHeaders) {
    MultiMap headers = Requests.headers(responseHeaders);
    CacheControl cc = CacheControl.parse(headers.getAll("Cache-Control"));
    Freshness freshness = Freshness.of(cc, headers, request.site().cache().defaultTtlSeconds(), 0, 0);
    Storability.Verdict verdict = Storability.decide(request, status, headers, cc, freshness);
    return verdict.store() ? "store" : verdict.reason();
  }

  @Test
  void storesAFreshPublicAnswer() {
    assertEquals("store", reason(Requests.get("/a"), 200, "Cache-Control", "max-age=60"));
  }

  @Test
  void neverStoresWhatTheOriginOrTheVisitorForbids() {
    assertEquals("no-store", reason(Requests.get("/a"), 200, "Cache-Control", "no-store, max-age=60"));
    assertEquals("private", reason(Requests.get("/a"), 200, "Cache-Control", "private, max-age=60"));
    assertEquals("set-cookie", reason(Requests.get("/a"), 200, "Cache-Control", "max-age=60", "Set-Cookie", "a=b"));
    assertEquals("vary-star", reason(Requests.get("/a"), 200, "Cache-Control", "max-age=60", "Vary", "*"));
    // no-cache without a validator could only ever be refetched whole: nothing to keep (with one it is stored).
    assertEquals("expired", reason(Requests.get("/a"), 200, "Cache-Control", "no-cache, max-age=60"));
    assertEquals("request-no-store",
        reason(Requests.get("/a", "Cache-Control", "no-store"), 200, "Cache-Control", "max-age=60"));
  }

  @Test
  void authorizedAnswersNeedPublicSharedMaxAgeOrMustRevalidate() {
    CacheRequest authorized = Requests.get("/a", "Authorization", "Bearer x");
    assertEquals("authorization", reason(authorized, 200, "Cache-Control", "max-age=60"));
    assertEquals("store", reason(authorized, 200, "Cache-Control", "public, max-age=60"));
    assertEquals("store", reason(authorized, 200, "Cache-Control", "s-maxage=60"));
    assertEquals("store", reason(authorized, 200, "Cache-Control", "max-age=60, must-revalidate"));
  }

  @Test
  void heuristicStatusCodesUseTheDefaultTtlOthersNeedExplicitFreshness() {
    assertEquals("no-freshness", reason(Requests.get("/a"), 200));
    Site site = new Site("example.com", "t", "s1", 1, null, null, null, null, new CacheSettings(true, 60, null), 0,
        null);
    CacheRequest withDefault = Requests.request("GET", site, "/a");
    assertEquals("store", reason(withDefault, 404));
    assertEquals("status", reason(withDefault, 302));
    assertEquals("store", reason(withDefault, 302, "Cache-Control", "max-age=10"));
    assertEquals("status", reason(withDefault, 206, "Cache-Control", "max-age=10"));
    assertEquals("status", reason(withDefault, 304, "Cache-Control", "max-age=10"));
  }

  @Test
  void onlyGetAnswersAreStored() {
    assertEquals("method",
        reason(Requests.request("HEAD", Requests.SITE, "/a"), 200, "Cache-Control", "max-age=60"));
    assertTrue(Storability.HEURISTIC.contains(501));
  }
}
