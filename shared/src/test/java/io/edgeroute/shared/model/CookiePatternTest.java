package io.edgeroute.shared.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CookiePatternTest {

  @Test
  void starMatchesAnyRunOfCharacters() {
    assertTrue(CookiePattern.matches("wordpress_logged_in_*", "wordpress_logged_in_0123abcd"));
    assertTrue(CookiePattern.matches("wordpress_logged_in_*", "wordpress_logged_in_"));
    assertTrue(CookiePattern.matches("wp-*pass_*", "wp-postpass_abc"));
    assertTrue(CookiePattern.matches("*session", "PHPsession"));
    assertFalse(CookiePattern.matches("*session", "sessionid"));
    assertFalse(CookiePattern.matches("wordpress_logged_in_*", "wordpress_test_cookie"));
  }

  @Test
  void aPatternWithoutStarIsAPrefix() {
    assertTrue(CookiePattern.matches("wordpress_logged_in_", "wordpress_logged_in_0123"));
    assertFalse(CookiePattern.matches("wordpress_logged_in_", "wordpress"));
  }

  @Test
  void emptyOnlyStarsOrNonTokenCharactersAreInvalid() {
    assertNull(CookiePattern.problem("wordpress_logged_in_*"));
    assertNotNull(CookiePattern.problem(""));
    assertNotNull(CookiePattern.problem("**"));
    assertNotNull(CookiePattern.problem("a b"));
    assertNotNull(CookiePattern.problem("a=b"));
    assertNotNull(CookiePattern.problem("a;b"));
  }

  @Test
  void theSitesSettingsReadTheNewKeysAndKeepTheirDefaults() {
    CacheSettings settings = CacheSettings.fromJson(new io.vertx.core.json.JsonObject().put("enabled", true)
        .put("heuristic", true).put("staleIfError", "1h").put("staleWhileRevalidate", "30s"));
    assertTrue(settings.heuristic());
    org.junit.jupiter.api.Assertions.assertEquals(3600, settings.staleIfErrorSeconds());
    org.junit.jupiter.api.Assertions.assertEquals(30, settings.staleWhileRevalidateSeconds());
    CacheSettings plain = CacheSettings.fromJson(new io.vertx.core.json.JsonObject().put("enabled", true));
    assertFalse(plain.heuristic());
    org.junit.jupiter.api.Assertions.assertEquals(0, plain.staleIfErrorSeconds());
    org.junit.jupiter.api.Assertions.assertEquals(CacheSettings.fromJson(plain.toJson()), plain);
    org.junit.jupiter.api.Assertions.assertEquals(CacheSettings.fromJson(settings.toJson()), settings);
  }
}
