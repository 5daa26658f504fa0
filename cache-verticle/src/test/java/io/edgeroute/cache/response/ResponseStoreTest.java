package io.edgeroute.cache.response;

import io.edgeroute.shared.model.PurgeSpec;
import io.edgeroute.shared.model.Site;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseStoreTest {

  private static CachedResponse response(CacheRequest request, int bodyBytes, Set<String> tags, List<String> vary) {
    MultiMap headers = Requests.headers("Cache-Control", "max-age=60", "Content-Type", "text/plain");
    Freshness f = Freshness.of(CacheControl.parse(headers.getAll("Cache-Control")), headers, 0, 0, 0);
    EntryKey key = EntryKey.of(PrimaryKey.of(request), vary, request.headers());
    return new CachedResponse(key, 200, CachedResponse.storedHeaders(headers, bodyBytes),
        Buffer.buffer(new byte[bodyBytes]), f, vary, tags, false, request.path());
  }

  private static CachedResponse response(String pathAndQuery, String... tags) {
    return response(Requests.get(pathAndQuery), 10, Set.of(tags), List.of());
  }

  private static boolean has(ResponseStore store, String pathAndQuery) {
    CacheRequest request = Requests.get(pathAndQuery);
    return store.find(PrimaryKey.of(request), request.headers()) != null;
  }

  @Test
  void tenThousandObjectsNeverExceedTheBound() {
    long bound = 256 * 1024;
    ResponseStore store = new ResponseStore(bound);
    long offered = 0;
    for (int i = 0; i < 10_000; i++) {
      CachedResponse r = response(Requests.get("/object/" + i), 100 + i % 900, Set.of("t" + i % 7), List.of());
      offered += r.weight();
      store.put(r);
      assertTrue(store.weightedBytes() <= bound, "bound exceeded after " + i + " puts");
    }
    assertTrue(offered > 10 * bound);
    assertTrue(store.size() > 100 && store.size() < 10_000);
    assertTrue(has(store, "/object/9999"), "the most recent object stays");
    assertFalse(has(store, "/object/0"), "the least recently used object went first");
    assertEquals(store.size(), store.purge("s1", PurgeSpec.everything()));
    assertEquals(0, store.weightedBytes());
  }

  @Test
  void aReadKeepsAnObjectAlive() {
    ResponseStore store = new ResponseStore(response("/x").weight() * 3);
    store.put(response("/a"));
    store.put(response("/b"));
    store.put(response("/c"));
    assertTrue(has(store, "/a"));
    store.put(response("/d"));
    assertTrue(has(store, "/a"));
    assertFalse(has(store, "/b"));
  }

  @Test
  void purgeByPathRemovesEveryQueryAndVariantOfThatPathOnly() {
    ResponseStore store = new ResponseStore(1 << 20);
    store.put(response("/blog/1"));
    store.put(response("/blog/1?page=2"));
    store.put(response("/blog/10"));
    assertEquals(2, store.purge("s1", new PurgeSpec(List.of("/blog/1"), null, null, false)));
    assertFalse(has(store, "/blog/1"));
    assertFalse(has(store, "/blog/1?page=2"));
    assertTrue(has(store, "/blog/10"));
  }

  @Test
  void purgeByPrefixRemovesWhatIsUnderIt() {
    ResponseStore store = new ResponseStore(1 << 20);
    store.put(response("/blog/1"));
    store.put(response("/blog/a/b"));
    store.put(response("/blogger"));
    store.put(response("/"));
    assertEquals(2, store.purge("s1", new PurgeSpec(null, List.of("/blog/*"), null, false)));
    assertTrue(has(store, "/blogger"));
    assertTrue(has(store, "/"));
  }

  @Test
  void purgeByTagRemovesTaggedObjectsOnly() {
    ResponseStore store = new ResponseStore(1 << 20);
    store.put(response("/p/1", "product", "p1"));
    store.put(response("/p/2", "product", "p2"));
    store.put(response("/home", "home"));
    assertEquals(1, store.purge("s1", new PurgeSpec(null, null, List.of("p2"), false)));
    assertTrue(has(store, "/p/1"));
    assertFalse(has(store, "/p/2"));
    assertEquals(1, store.purge("s1", new PurgeSpec(null, null, List.of("product"), false)));
    assertTrue(has(store, "/home"));
    assertEquals(1, store.size());
  }

  @Test
  void purgeAllRemovesOneSiteOnly() {
    ResponseStore store = new ResponseStore(1 << 20);
    Site other = Requests.SITE.withSiteId("s2");
    store.put(response("/a"));
    store.put(response(Requests.request("GET", other, "/a"), 10, Set.of(), List.of()));
    assertEquals(1, store.purge("s1", PurgeSpec.everything()));
    assertFalse(has(store, "/a"));
    CacheRequest otherRequest = Requests.request("GET", other, "/a");
    assertNotNull(store.find(PrimaryKey.of(otherRequest), otherRequest.headers()));
  }

  @Test
  void aNewGenerationDropsTheOldOneAndRefusesLateOldStores() {
    ResponseStore store = new ResponseStore(1 << 20);
    Site next = Requests.SITE.withCacheGeneration(1);
    store.put(response("/a"));
    store.put(response("/b"));
    assertTrue(store.put(response(Requests.request("GET", next, "/a"), 10, Set.of(), List.of())));
    assertEquals(1, store.size());
    assertFalse(store.put(response("/c")), "a response fetched before the purge must not come back");
    assertEquals(1, store.size());
  }

  @Test
  void variantsOfOnePrimaryKeyLiveSideBySide() {
    ResponseStore store = new ResponseStore(1 << 20);
    List<String> vary = List.of("accept-encoding");
    CacheRequest gzip = Requests.get("/a", "Accept-Encoding", "gzip");
    CacheRequest identity = Requests.get("/a");
    store.put(response(gzip, 10, Set.of(), vary));
    store.put(response(identity, 20, Set.of(), vary));
    assertEquals(10, store.find(PrimaryKey.of(gzip), gzip.headers()).body().length());
    assertEquals(20, store.find(PrimaryKey.of(identity), identity.headers()).body().length());
    assertNull(store.find(PrimaryKey.of(gzip), Requests.headers("Accept-Encoding", "br")));
    store.put(response(identity, 30, Set.of(), List.of()));
    assertEquals(1, store.size(), "a changed Vary drops the variants selected by the old one");
    assertEquals(30, store.find(PrimaryKey.of(gzip), gzip.headers()).body().length(),
        "without Vary, one variant answers every request");
  }

  @Test
  void aPrimaryKeyEmptiedAndStoredAgainIsFoundUnderItsNewNamesOnly() {
    ResponseStore store = new ResponseStore(1 << 20);
    CacheRequest gzip = Requests.get("/a", "Accept-Encoding", "gzip");
    CacheRequest identity = Requests.get("/a");
    store.put(response(gzip, 10, Set.of(), List.of("accept-encoding")));
    assertEquals(1, store.removeAll(PrimaryKey.of(identity)));
    assertNull(store.find(PrimaryKey.of(gzip), gzip.headers()));
    assertEquals("", store.keyFor(PrimaryKey.of(gzip), gzip.headers()).variant(), "no Vary names are known any more");

    store.put(response(identity, 20, Set.of(), List.of("accept-language")));
    assertEquals(20, store.find(PrimaryKey.of(gzip), gzip.headers()).body().length(),
        "Accept-Encoding no longer selects anything");
    assertNull(store.find(PrimaryKey.of(gzip), Requests.headers("Accept-Language", "de")));
    assertEquals("accept-language\n", store.keyFor(PrimaryKey.of(gzip), gzip.headers()).variant());
  }
}
