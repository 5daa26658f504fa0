package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshnessTest {

  private static final long T0 = 1_700_000_000_000L;

  private static Freshness of(long defaultTtl, String... headerPairs) {
    MultiMap headers = Requests.headers(headerPairs);
    return Freshness.of(CacheControl.parse(headers.getAll("Cache-Control")), headers, defaultTtl, T0, T0);
  }

  @Test
  void sharedMaxAgeWinsOverMaxAgeAndExpires() {
    Freshness f = of(0, "Cache-Control", "max-age=10, s-maxage=100", "Expires", HttpDates.format(T0 + 5_000));
    assertEquals(100, f.lifetimeSeconds());
    assertTrue(f.explicit());
  }

  @Test
  void expiresCountsFromTheDateHeader() {
    Freshness f = of(0, "Date", HttpDates.format(T0), "Expires", HttpDates.format(T0 + 60_000));
    assertEquals(60, f.lifetimeSeconds());
  }

  @Test
  void anInvalidExpiresMeansAlreadyExpired() {
    Freshness f = of(300, "Expires", "0");
    assertEquals(0, f.lifetimeSeconds());
    assertTrue(f.explicit());
  }

  @Test
  void theSiteDefaultAppliesOnlyWithoutOriginFreshness() {
    Freshness f = of(300);
    assertEquals(300, f.lifetimeSeconds());
    assertFalse(f.explicit());
  }

  @Test
  void ageIncludesTheUpstreamAgeAndTimeInTheCache() {
    Freshness f = of(0, "Cache-Control", "max-age=60", "Age", "20");
    assertEquals(20, f.ageSeconds(T0));
    assertEquals(40, f.ttlSeconds(T0));
    assertEquals(50, f.ageSeconds(T0 + 30_000));
    assertTrue(f.isFresh(T0 + 39_999));
    assertFalse(f.isFresh(T0 + 40_000));
    assertEquals(-5, f.ttlSeconds(T0 + 45_000));
  }

  @Test
  void apparentAgeCountsAnOldDate() {
    MultiMap headers = Requests.headers("Cache-Control", "max-age=60", "Date", HttpDates.format(T0 - 10_000));
    Freshness f = Freshness.of(CacheControl.parse(headers.getAll("Cache-Control")), headers, 0, T0, T0);
    assertEquals(10, f.ageSeconds(T0));
  }

  @Test
  void staleWindowsFollowTheirDirectivesUnlessRevalidationIsRequired() {
    Freshness f = of(0, "Cache-Control", "max-age=10, stale-while-revalidate=20, stale-if-error=100");
    assertTrue(f.withinStaleWhileRevalidate(T0 + 29_000));
    assertFalse(f.withinStaleWhileRevalidate(T0 + 30_000));
    assertTrue(f.withinStaleIfError(T0 + 109_000));
    assertFalse(f.withinStaleIfError(T0 + 110_000));
    Freshness strict = of(0, "Cache-Control", "max-age=10, must-revalidate, stale-if-error=100");
    assertFalse(strict.withinStaleIfError(T0 + 11_000));
  }

  @Test
  void httpDatesRoundTrip() {
    assertEquals(T0, HttpDates.parse(HttpDates.format(T0)));
    assertEquals(-1, HttpDates.parse("yesterday"));
  }
}
