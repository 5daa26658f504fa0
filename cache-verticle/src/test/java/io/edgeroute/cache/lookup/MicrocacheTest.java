package io.edgeroute.cache.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The bounds and ages of cached lookups, without any verticle. */
class MicrocacheTest {

  private static final KvKeys KEYS = KvKeys.defaults();
  private static final String SITE = "{\"version\":2,\"origin\":{\"url\":\"http://o.example\"}}";

  @Test
  void keepsAtMostMaxEntriesAndShrinksWhenTheOptionDoes() {
    Microcache cache = new Microcache(KEYS, new MicrocacheOptions().setMaxEntries(100).setSnapshotFile(null));
    long now = System.currentTimeMillis();
    for (int i = 0; i < 1_000; i++) {
      cache.store(cache.decoder().decode(KEYS.site("h" + i + ".example"), SITE, now));
    }
    awaitSize(cache, 100);

    cache.setOptions(new MicrocacheOptions().setMaxEntries(10).setSnapshotFile(null));
    awaitSize(cache, 10);
  }

  @Test
  void agesThroughFreshRefreshAheadStaleAndUnusable() {
    Microcache cache = new Microcache(KEYS, new MicrocacheOptions().setTtl(Duration.ofSeconds(10))
        .setStaleIfError(Duration.ofSeconds(60)).setSnapshotFile(null));
    Lookup lookup = cache.decoder().decode(KEYS.site("a.example"), SITE, 0);
    assertEquals(2, lookup.version());
    assertTrue(lookup.answer() instanceof Lookup.SiteFound, String.valueOf(lookup.answer()));

    assertEquals(Microcache.Freshness.FRESH, cache.freshness(lookup, 6_900));
    assertEquals(Microcache.Freshness.REFRESH_AHEAD, cache.freshness(lookup, 9_000));
    assertEquals(Microcache.Freshness.STALE, cache.freshness(lookup, 30_000));
    assertEquals(Microcache.Freshness.UNUSABLE, cache.freshness(lookup, 71_000));
  }

  @Test
  void keysReadTogetherAreRefreshedAtAgesSpreadOverTheLastThirdOfTheTtl() {
    long ttl = 30_000;
    java.util.TreeSet<Long> ages = new java.util.TreeSet<>();
    int[] perSecond = new int[30];
    for (int i = 0; i < 2_000; i++) {
      long age = Microcache.refreshAheadAge(KEYS.site(String.format("h%04d.bench.test", i)), ttl);
      assertTrue(age >= 21_000 && age < 27_000, age + " ms");
      ages.add(age);
      perSecond[(int) (age / 1_000)]++;
    }
    assertTrue(ages.first() < 21_300 && ages.last() > 26_700, ages.first() + ".." + ages.last());
    for (int second = 21; second < 27; second++) {
      // 2,000 keys over six seconds: about 333 a second, none of them a burst.
      assertTrue(perSecond[second] > 250 && perSecond[second] < 420, second + " s: " + perSecond[second]);
    }
    Microcache cache = new Microcache(KEYS, new MicrocacheOptions().setTtl(Duration.ofSeconds(30)).setSnapshotFile(null));
    String key = KEYS.site("a.example");
    Lookup lookup = cache.decoder().decode(key, SITE, 0);
    long from = Microcache.refreshAheadAge(key, ttl);
    assertEquals(Microcache.Freshness.FRESH, cache.freshness(lookup, from - 1));
    assertEquals(Microcache.Freshness.REFRESH_AHEAD, cache.freshness(lookup, from));
  }

  @Test
  void theFreshCheckOfEveryRequestAgreesWithTheFullOne() {
    Microcache cache = new Microcache(KEYS, new MicrocacheOptions().setTtl(Duration.ofSeconds(10))
        .setNegativeTtl(Duration.ofSeconds(2)).setStaleIfError(Duration.ofSeconds(60)).setSnapshotFile(null));
    for (int i = 0; i < 50; i++) {
      Lookup site = cache.decoder().decode(KEYS.site("h" + i + ".example"), SITE, 1_000);
      Lookup absent = cache.decoder().decode(KEYS.site("n" + i + ".example"), null, 1_000);
      assertTrue(absent.negative());
      for (Lookup lookup : new Lookup[] {site, absent, site.markedOutdated(), absent.markedOutdated()}) {
        for (long now = 0; now < 80_000; now += 97) {
          assertEquals(cache.freshness(lookup, now) == Microcache.Freshness.FRESH, cache.fresh(lookup, now),
              lookup.key() + (lookup.outdated() ? " outdated" : "") + " at " + now);
        }
      }
    }
  }

  @Test
  void aNewerVersionOutdatesAnOlderOneIsIgnored() {
    Microcache cache = new Microcache(KEYS, new MicrocacheOptions().setSnapshotFile(null));
    String key = KEYS.site("a.example");
    cache.store(cache.decoder().decode(key, SITE, System.currentTimeMillis()));

    assertEquals(Microcache.ChangeOutcome.OLDER_IGNORED, cache.changed(key, 1));
    assertEquals(Microcache.ChangeOutcome.SAME_VERSION, cache.changed(key, 2));
    assertEquals(Microcache.Freshness.FRESH, cache.freshness(cache.cached(key), System.currentTimeMillis()));
    assertEquals(Microcache.ChangeOutcome.OUTDATED, cache.changed(key, 3));
    assertEquals(Microcache.Freshness.UNUSABLE, cache.freshness(cache.cached(key), System.currentTimeMillis()));
    assertTrue(cache.servableStale(cache.cached(key), System.currentTimeMillis()), "still the stale-if-error copy");
    assertEquals(Microcache.ChangeOutcome.NOT_CACHED, cache.changed(KEYS.site("b.example"), 1));
  }

  /** Caffeine evicts on its maintenance thread: poll until it has, within a second. */
  private static void awaitSize(Microcache cache, long max) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (cache.size() > max && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    assertTrue(cache.size() <= max, cache.size() + " entries, bound " + max);
  }
}
