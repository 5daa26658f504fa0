package io.edgeroute.cache.response;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheControlTest {

  @Test
  void readsDirectivesAcrossLinesCaseInsensitively() {
    CacheControl cc = CacheControl.parse(List.of("Public, MAX-AGE=60", "s-maxage=\"120\", stale-while-revalidate=30"));
    assertTrue(cc.has("public"));
    assertEquals(60, cc.seconds("max-age").getAsLong());
    assertEquals(120, cc.seconds("s-maxage").getAsLong());
    assertEquals(30, cc.seconds("stale-while-revalidate").getAsLong());
  }

  @Test
  void quotedArgumentsMayContainCommas() {
    CacheControl cc = CacheControl.parse(List.of("private=\"Set-Cookie, X-User\", max-age=5"));
    assertEquals("Set-Cookie, X-User", cc.asMap().get("private"));
    assertEquals(5, cc.seconds("max-age").getAsLong());
  }

  @Test
  void invalidDeltaSecondsGiveNoValue() {
    CacheControl cc = CacheControl.parse(List.of("max-age=-1, s-maxage=abc, no-store"));
    assertTrue(cc.seconds("max-age").isEmpty());
    assertTrue(cc.seconds("s-maxage").isEmpty());
    assertTrue(cc.has("no-store"));
    assertFalse(cc.has("no-cache"));
  }

  @Test
  void hugeDeltaSecondsAreCapped() {
    assertEquals(Integer.MAX_VALUE, CacheControl.parse(List.of("max-age=99999999999999999999")).seconds("max-age")
        .getAsLong());
  }
}
