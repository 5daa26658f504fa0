package io.edgeroute.cache.response;

import io.edgeroute.shared.model.CacheSettings;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rule of RFC 9111 / 9110 / 9213 the response cache implements, named after it. */
class Rfc9111RulesTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final CacheSettings PLAIN = new CacheSettings(true, 0, List.of());
  private static final CacheSettings HEURISTIC = new CacheSettings(true, 0, List.of(), true, 0, 0);

  private static Freshness freshness(CacheSettings site, String... headerPairs) {
    MultiMap headers = Requests.headers(headerPairs);
    return Freshness.of(TargetedCacheControl.of(headers), headers, site, T0, T0);
  }

  private static CachedResponse stored(String body, String... headerPairs) {
    MultiMap headers = Requests.headers(headerPairs);
    return new CachedResponse(new EntryKey(PrimaryKey.of(Requests.get("/a")), ""), 200, StoredFields.of(headers),
        Buffer.buffer(body), freshness(PLAIN, headerPairs), List.of(), Set.of(), false, "/a");
  }

  @Test
  void ageHeaderListIsInvalid_rfc9111_5_1() {
    // "7200, 0" is not a delta-seconds: the first value is taken, never the smaller one.
    assertFalse(freshness(PLAIN, "Cache-Control", "max-age=3600", "Age", "7200, 0").isFresh(T0));
    assertTrue(freshness(PLAIN, "Cache-Control", "max-age=3600", "Age", "0, 7200").isFresh(T0));
    assertEquals(7200, Freshness.parseAge(List.of("7200", "0")));
    assertEquals(0, Freshness.parseAge(List.of("soon")));
  }

  @Test
  void invalidExpiresMeansAlreadyStale_rfc9111_5_3() {
    Freshness f = freshness(PLAIN, "Date", HttpDates.format(T0), "Expires", "Thu, 18 Aug 2050 2:01:18 GMT");
    assertEquals(0, f.lifetimeSeconds());
    assertTrue(f.explicit());
  }

  @Test
  void repeatedExpiresIsInvalid_rfc9111_5_3() {
    String later = HttpDates.format(T0 + 3_600_000);
    Freshness f = freshness(PLAIN, "Date", HttpDates.format(T0), "Expires", later, "Expires", later);
    assertEquals(0, f.lifetimeSeconds());
  }

  @Test
  void allThreeDateFormsAreAccepted_rfc9110_5_6_7() {
    long expected = 784_111_777_000L;
    assertEquals(expected, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT", T0));
    assertEquals(expected, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", T0));
    assertEquals(expected, HttpDates.parse("Sun Nov  6 08:49:37 1994", T0));
    assertEquals(-1, HttpDates.parse("Sun, 06 Nov 1994 8:49:37 GMT", T0));
    assertEquals(-1, HttpDates.parse("Sun, 31 Feb 1994 08:49:37 GMT", T0));
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(expected));
  }

  @Test
  void rfc850TwoDigitYearMoreThan50YearsAheadIsInThePast_rfc9110_5_6_7() {
    // T0 is in 2023: "80" is 1980, since 2080 is more than 50 years ahead; "70" is 2070.
    assertEquals(315_532_800_000L, HttpDates.parse("Tuesday, 01-Jan-80 00:00:00 GMT", T0));
    assertEquals(3_155_760_000_000L, HttpDates.parse("Thursday, 01-Jan-70 00:00:00 GMT", T0));
  }

  @Test
  void heuristicFreshnessIsTenPercentOfTheTimeSinceLastModified_rfc9111_4_2_2() {
    String[] headers = {"Date", HttpDates.format(T0), "Last-Modified", HttpDates.format(T0 - 1_000_000_000)};
    Freshness on = freshness(HEURISTIC, headers);
    assertEquals(100_000, on.lifetimeSeconds());
    assertFalse(on.explicit());
    assertEquals(0, freshness(PLAIN, headers).lifetimeSeconds(), "only when the site sets cache.heuristic");
  }

  @Test
  void mustUnderstandStoresUnderstoodStatusesDespiteNoStoreAndNothingElse_rfc9111_5_2_2_3() {
    String cc = "max-age=3600, no-store, must-understand";
    for (int status : List.of(200, 301, 404)) {
      assertTrue(Storability.decide(Requests.get("/a"), status, Requests.headers(), CacheControl.parse(List.of(cc)),
          freshness(PLAIN, "Cache-Control", cc)).store(), "status " + status);
    }
    for (int status : List.of(299, 418, 599)) {
      Storability.Verdict verdict = Storability.decide(Requests.get("/a"), status, Requests.headers(),
          CacheControl.parse(List.of(cc)), freshness(PLAIN, "Cache-Control", cc));
      assertEquals("must-understand", verdict.reason(), "status " + status);
    }
    // Without no-store, an unknown status is still not stored by a cache that does not know it.
    assertFalse(Storability.decide(Requests.get("/a"), 599, Requests.headers(),
        CacheControl.parse(List.of("max-age=3600, must-understand")),
        freshness(PLAIN, "Cache-Control", "max-age=3600, must-understand")).store());
    // Everything else still applies: private is private.
    assertFalse(Storability.decide(Requests.get("/a"), 200, Requests.headers(),
        CacheControl.parse(List.of("max-age=3600, no-store, must-understand, private")),
        freshness(PLAIN, "Cache-Control", "max-age=3600, no-store, must-understand, private")).store());
  }

  @Test
  void acceptLanguageListsThatMeanTheSameSelectTheSameVariant_rfc9111_4_1() {
    PrimaryKey primary = PrimaryKey.of(Requests.get("/a"));
    List<String> vary = EntryKey.varyNames(List.of("Accept-Language"));
    EntryKey base = EntryKey.of(primary, vary, Requests.headers("Accept-Language", "en, de"));
    for (String same : List.of("de, en", "eN, De", " en ,   de", "de;q=1, en", "DE; q=1.0 ,en")) {
      assertEquals(base, EntryKey.of(primary, vary, Requests.headers("Accept-Language", same)), same);
    }
    for (String other : List.of("en", "en, fr", "en;q=0.5, de", "en-gb, de")) {
      assertFalse(base.equals(EntryKey.of(primary, vary, Requests.headers("Accept-Language", other))), other);
    }
    // Weights order the list; a malformed weight is kept as written and matches only itself.
    assertEquals(EntryKey.of(primary, vary, Requests.headers("Accept-Language", "fr;q=0.5, de")),
        EntryKey.of(primary, vary, Requests.headers("Accept-Language", "de, fr;q=0.50")));
    assertFalse(EntryKey.of(primary, vary, Requests.headers("Accept-Language", "de;q=2, en")).equals(
        EntryKey.of(primary, vary, Requests.headers("Accept-Language", "en, de;q=2"))));
  }

  @Test
  void noCacheResponsesAreStoredButNeverFresh_rfc9111_5_2_2_4() {
    Freshness f = freshness(PLAIN, "Cache-Control", "max-age=3600, no-cache", "ETag", "\"v1\"");
    assertFalse(f.isFresh(T0));
    assertTrue(Storability.decide(Requests.get("/a"), 200, Requests.headers("ETag", "\"v1\""),
        CacheControl.parse(List.of("max-age=3600, no-cache")), f).store());
  }

  @Test
  void mustRevalidateForbidsServingStaleEvenWithTheSitesWindows_rfc9111_5_2_2_2() {
    CacheSettings lenient = new CacheSettings(true, 0, List.of(), false, 3600, 3600);
    Freshness f = freshness(lenient, "Cache-Control", "max-age=10, must-revalidate");
    assertFalse(f.withinStaleIfError(T0 + 20_000));
    assertFalse(f.withinStaleWhileRevalidate(T0 + 20_000));
    assertTrue(freshness(lenient, "Cache-Control", "max-age=10").withinStaleIfError(T0 + 20_000));
  }

  @Test
  void sMaxageForbidsTheSitesStaleWindows_rfc9111_5_2_2_10() {
    CacheSettings lenient = new CacheSettings(true, 0, List.of(), false, 3600, 3600);
    assertFalse(freshness(lenient, "Cache-Control", "s-maxage=10").withinStaleIfError(T0 + 20_000));
    assertTrue(freshness(lenient, "Cache-Control", "s-maxage=10, stale-if-error=60").withinStaleIfError(T0 + 20_000));
  }

  @Test
  void targetedFieldOverridesCacheControlAndExpires_rfc9213_2_1() {
    Freshness cdn = freshness(PLAIN, "Cache-Control", "no-store", "CDN-Cache-Control", "max-age=600",
        "Expires", "0");
    assertEquals(600, cdn.lifetimeSeconds());
    Freshness ours = freshness(PLAIN, "CDN-Cache-Control", "max-age=600", "Edgeroute-Cache-Control", "max-age=60");
    assertEquals(60, ours.lifetimeSeconds(), "Edgeroute-Cache-Control comes first in the target list");
    assertTrue(TargetedCacheControl.of(Requests.headers("Cache-Control", "max-age=60", "CDN-Cache-Control",
        "no-store")).directives().has("no-store"));
  }

  @Test
  void invalidTargetedFieldIsIgnored_rfc9213_2_1() {
    assertFalse(TargetedCacheControl.of(Requests.headers("Cache-Control", "no-store",
        "CDN-Cache-Control", "max-age=10000, &&&&&")).targeted());
    assertFalse(TargetedCacheControl.of(Requests.headers("Cache-Control", "no-store",
        "CDN-Cache-Control", "max-age=\"10000\"")).targeted());
    assertTrue(TargetedCacheControl.of(Requests.headers("CDN-Cache-Control", "max-age=10, foo=\"bar\"; a=1"))
        .targeted());
  }

  @Test
  void revalidationSendsTheStoredValidators_rfc9111_4_3_1() {
    MultiMap conditionals = Revalidation.validators(stored("x", "ETag", "\"v1\"",
        "Last-Modified", "Wed, 01 Jan 2020 00:00:00 GMT"));
    assertEquals("\"v1\"", conditionals.get("If-None-Match"));
    assertEquals("Wed, 01 Jan 2020 00:00:00 GMT", conditionals.get("If-Modified-Since"));
    assertTrue(Revalidation.validators(stored("x", "Cache-Control", "max-age=1")).isEmpty());
  }

  @Test
  void notModifiedReplacesStoredFieldsButKeepsContentLength_rfc9111_4_3_4() {
    MultiMap merged = Revalidation.freshenedHeaders(
        Requests.headers("Content-Length", "36", "Test-Header", "A", "Kept", "yes", "Cache-Control", "max-age=1"),
        Requests.headers("Content-Length", "10", "Test-Header", "B", "Cache-Control", "max-age=3600",
            "Connection", "close"));
    assertEquals("36", merged.get("Content-Length"));
    assertEquals(List.of("B"), merged.getAll("Test-Header"));
    assertEquals("yes", merged.get("Kept"));
    assertEquals("max-age=3600", merged.get("Cache-Control"));
    assertNull(merged.get("Connection"));
  }

  @Test
  void notModifiedForAnotherStrongEtagDoesNotFreshen_rfc9111_4_3_4() {
    CachedResponse r = stored("x", "ETag", "\"v1\"");
    assertFalse(Revalidation.matches(r, Requests.headers("ETag", "\"v2\"")));
    assertTrue(Revalidation.matches(r, Requests.headers("ETag", "\"v1\"")));
  }

  @Test
  void ifModifiedSinceWithoutLastModifiedUsesTheDate_rfc9111_4_3_2() {
    CachedResponse r = stored("x", "Date", HttpDates.format(T0));
    assertTrue(Conditional.notModified(Requests.headers("If-Modified-Since", HttpDates.format(T0)), r));
    assertFalse(Conditional.notModified(Requests.headers("If-Modified-Since", HttpDates.format(T0 - 60_000)), r));
    CachedResponse undated = stored("x");
    assertTrue(Conditional.notModified(Requests.headers("If-Modified-Since", HttpDates.format(T0)), undated),
        "without Date, the time it was stored");
  }

  @Test
  void singleByteRangesAreServedFromTheStoredBody_rfc9110_14_1_2() {
    MultiMap stored = Requests.headers();
    assertEquals(new ByteRange(0, 99), ByteRange.of(Requests.headers("Range", "bytes=0-99"), stored, 1000));
    assertEquals(new ByteRange(900, 999), ByteRange.of(Requests.headers("Range", "bytes=-100"), stored, 1000));
    assertEquals(new ByteRange(100, 999), ByteRange.of(Requests.headers("Range", "bytes=100-"), stored, 1000));
    assertEquals(new ByteRange(990, 999), ByteRange.of(Requests.headers("Range", "bytes=990-5000"), stored, 1000));
  }

  @Test
  void rangePastTheEndIsUnsatisfiable_rfc9110_15_5_17() {
    assertFalse(ByteRange.of(Requests.headers("Range", "bytes=1000-"), Requests.headers(), 1000).satisfiable());
  }

  @Test
  void multipleRangesOrOtherUnitsGetTheWholeResponse_rfc9110_14_2() {
    assertNull(ByteRange.of(Requests.headers("Range", "bytes=0-1, 5-6"), Requests.headers(), 1000));
    assertNull(ByteRange.of(Requests.headers("Range", "items=0-1"), Requests.headers(), 1000));
    assertNull(ByteRange.of(Requests.headers("Range", "bytes=5-2"), Requests.headers(), 1000));
  }

  @Test
  void ifRangeNeedsAStrongEtagOrTheExactDate_rfc9110_13_1_5() {
    MultiMap strong = Requests.headers("ETag", "\"v1\"", "Last-Modified", "Wed, 01 Jan 2020 00:00:00 GMT");
    assertEquals(new ByteRange(0, 1), ByteRange.of(Requests.headers("Range", "bytes=0-1", "If-Range", "\"v1\""),
        strong, 10));
    assertNull(ByteRange.of(Requests.headers("Range", "bytes=0-1", "If-Range", "\"v2\""), strong, 10));
    assertEquals(new ByteRange(0, 1), ByteRange.of(Requests.headers("Range", "bytes=0-1",
        "If-Range", "Wed, 01 Jan 2020 00:00:00 GMT"), strong, 10));
    assertNull(ByteRange.of(Requests.headers("Range", "bytes=0-1", "If-Range", "W/\"v1\""),
        Requests.headers("ETag", "W/\"v1\""), 10));
  }

  @Test
  void surrogateKeyIsSpaceSeparatedAndCacheTagCommaSeparated() {
    assertEquals(Set.of("a", "b", "c", "d"), CachedResponse.tags(Requests.headers("Cache-Tag", "a, b",
        "Surrogate-Key", "c  d")));
    MultiMap kept = CachedResponse.storedHeaders(Requests.headers("Cache-Tag", "a", "Surrogate-Key", "c",
        "Edgeroute-Cache-Control", "max-age=1", "CDN-Cache-Control", "max-age=1"), 0);
    assertEquals(Set.of("CDN-Cache-Control", "Content-Length"), kept.names());
  }
}
