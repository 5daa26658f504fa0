package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionalTest {

  private static final long T0 = 1_700_000_000_000L;

  private static CachedResponse stored(int status, String... headerPairs) {
    MultiMap headers = Requests.headers(headerPairs);
    Freshness f = Freshness.of(CacheControl.NONE, headers, 60, T0, T0);
    return new CachedResponse(new EntryKey(PrimaryKey.of(Requests.get("/a")), ""), status, StoredFields.of(headers),
        Buffer.buffer("x"), f, List.of(), Set.of(), false, "/a");
  }

  @Test
  void ifNoneMatchUsesWeakComparison() {
    CachedResponse r = stored(200, "ETag", "W/\"v1\"");
    assertTrue(Conditional.notModified(Requests.headers("If-None-Match", "\"v0\", \"v1\""), r));
    assertTrue(Conditional.notModified(Requests.headers("If-None-Match", "*"), r));
    assertFalse(Conditional.notModified(Requests.headers("If-None-Match", "\"v2\""), r));
  }

  @Test
  void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
    CachedResponse r = stored(200, "ETag", "\"v1\"", "Last-Modified", HttpDates.format(T0 - 60_000));
    assertTrue(Conditional.notModified(Requests.headers("If-Modified-Since", HttpDates.format(T0)), r));
    assertFalse(Conditional.notModified(Requests.headers("If-Modified-Since", HttpDates.format(T0)),
        stored(200, "Last-Modified", HttpDates.format(T0 + 60_000))));
    assertFalse(Conditional.notModified(
        Requests.headers("If-None-Match", "\"v2\"", "If-Modified-Since", HttpDates.format(T0)), r));
  }

  @Test
  void onlyA200CanBeAnsweredNotModified() {
    assertFalse(Conditional.notModified(Requests.headers("If-None-Match", "*"), stored(404, "ETag", "\"v1\"")));
  }
}
