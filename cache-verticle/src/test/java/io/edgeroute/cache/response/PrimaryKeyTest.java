package io.edgeroute.cache.response;

import io.edgeroute.shared.model.Site;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PrimaryKeyTest {

  @Test
  void changingAFeatureChangesTheKey() {
    Site minified = new Site("example.com", "t", "s1", 2, null, null, null, Map.of("polish", "lossy", "minify", true),
        Requests.SITE.cache(), 0, null);
    assertNotEquals(PrimaryKey.of(Requests.get("/a")),
        PrimaryKey.of(Requests.request("GET", minified, "/a")));
  }

  @Test
  void bumpingTheGenerationChangesTheKey() {
    assertNotEquals(PrimaryKey.of(Requests.get("/a")),
        PrimaryKey.of(Requests.request("GET", Requests.SITE.withCacheGeneration(1), "/a")));
  }

  @Test
  void anotherSiteIdChangesTheKey() {
    assertNotEquals(PrimaryKey.of(Requests.get("/a")),
        PrimaryKey.of(Requests.request("GET", Requests.SITE.withSiteId("s2"), "/a")));
  }

  @Test
  void getAndHeadShareAKeyAndTheQueryIsSortedByName() {
    assertEquals(PrimaryKey.of(Requests.get("/a?b=2&a=1&a=0")),
        PrimaryKey.of(Requests.request("HEAD", Requests.SITE, "/a?a=1&a=0&b=2")));
    assertNotEquals(PrimaryKey.of(Requests.get("/a?a=1&a=0")), PrimaryKey.of(Requests.get("/a?a=0&a=1")));
  }

  @Test
  void variantKeysFollowTheVaryNamesOfTheResponse() {
    PrimaryKey primary = PrimaryKey.of(Requests.get("/a"));
    List<String> names = EntryKey.varyNames(List.of("Accept-Encoding", "accept-encoding, X-Device"));
    assertEquals(List.of("accept-encoding", "x-device"), names);
    EntryKey gzip = EntryKey.of(primary, names, Requests.headers("Accept-Encoding", "gzip"));
    EntryKey identity = EntryKey.of(primary, names, Requests.headers());
    EntryKey empty = EntryKey.of(primary, names, Requests.headers("Accept-Encoding", ""));
    assertNotEquals(gzip, identity);
    assertNotEquals(identity, empty);
    assertEquals(gzip, EntryKey.of(primary, names, Requests.headers("accept-encoding", "gzip")));
    assertEquals(List.of("*"), EntryKey.varyNames(List.of("Accept, *")));
  }
}
