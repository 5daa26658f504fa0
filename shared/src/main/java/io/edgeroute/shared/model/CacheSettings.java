package io.edgeroute.shared.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-site response cache settings (SPEC §3 {@code cache}, §6).
 *
 * @param enabled           the response cache is opt-in per site
 * @param defaultTtlSeconds freshness when the origin gives none; 0 (default) stores nothing without it
 * @param bypassCookies     cookie name patterns that skip the cache: {@code *} matches any run of
 *                          characters, a pattern without {@code *} is a prefix
 *                          ({@code wordpress_logged_in_*} and {@code wordpress_logged_in_} both
 *                          match WordPress's {@code wordpress_logged_in_<hash>})
 * @param heuristic         RFC 9111 §4.2.2 heuristic freshness (10% of the time since
 *                          {@code Last-Modified}) for responses without explicit freshness; default false
 * @param staleIfErrorSeconds         how long past freshness a stored response may be served when the
 *                                    origin fails or times out, whatever the origin said; default 0
 * @param staleWhileRevalidateSeconds how long past freshness a stored response may be served while one
 *                                    background request refreshes it; default 0
 */
public record CacheSettings(boolean enabled, long defaultTtlSeconds, List<String> bypassCookies, boolean heuristic,
                            long staleIfErrorSeconds, long staleWhileRevalidateSeconds) {

  /** What a site without {@code cache} gets: caching off. */
  public static final CacheSettings DEFAULT = new CacheSettings(false, 0, List.of());

  /** Default of {@code cache.heuristic}: platforms differ on it, so it is opt-in. */
  public static final boolean DEFAULT_HEURISTIC = false;

  /** Default of {@code cache.staleIfError} and {@code cache.staleWhileRevalidate}: only the origin's directives. */
  public static final long DEFAULT_STALE_SECONDS = 0;

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

  public CacheSettings {
    if (defaultTtlSeconds < 0) {
      throw new IllegalArgumentException("cache.defaultTtl must not be negative: " + defaultTtlSeconds);
    }
    bypassCookies = bypassCookies == null ? List.of() : List.copyOf(bypassCookies);
    if (staleIfErrorSeconds < 0 || staleWhileRevalidateSeconds < 0) {
      throw new IllegalArgumentException("cache.staleIfError and cache.staleWhileRevalidate must not be negative");
    }
  }

  /** Settings with the defaults for {@code heuristic}, {@code staleIfError} and {@code staleWhileRevalidate}. */
  public CacheSettings(boolean enabled, long defaultTtlSeconds, List<String> bypassCookies) {
    this(enabled, defaultTtlSeconds, bypassCookies, DEFAULT_HEURISTIC, DEFAULT_STALE_SECONDS, DEFAULT_STALE_SECONDS);
  }

  /**
   * Reads {@code defaultTtl} as whole seconds (the wire form, SPEC example {@code "defaultTtl": 0})
   * or as a duration string ({@code "30s"}, {@code "5m"}), the form every other duration in the
   * product takes (SPEC §8). It is always written back as seconds.
   */
  public static CacheSettings fromJson(JsonObject json) {
    return new CacheSettings(JsonFields.bool(json, "enabled", false), ttlSeconds(json.getValue("defaultTtl")),
        JsonFields.strings(json, "bypassCookies"), JsonFields.bool(json, "heuristic", DEFAULT_HEURISTIC),
        ttlSeconds(json.getValue("staleIfError")), ttlSeconds(json.getValue("staleWhileRevalidate")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("enabled", enabled).put("defaultTtl", defaultTtlSeconds)
        .put("bypassCookies", new JsonArray(bypassCookies));
    // Written only when set, so documents that never used them read back unchanged.
    if (heuristic) {
      json.put("heuristic", true);
    }
    if (staleIfErrorSeconds > 0) {
      json.put("staleIfError", staleIfErrorSeconds + "s");
    }
    if (staleWhileRevalidateSeconds > 0) {
      json.put("staleWhileRevalidate", staleWhileRevalidateSeconds + "s");
    }
    return json;
  }

  /** @return whether a request cookie of this name means the request must not use the cache */
  public boolean bypasses(String cookieName) {
    for (String pattern : bypassCookies) {
      if (CookiePattern.matches(pattern, cookieName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Converts a {@code defaultTtl} value: absent is 0, a number must be whole and ≥ 0, a string is
   * {@code <n>ms|s|m|h|d} giving whole seconds ({@code "1500ms"} is refused rather than rounded).
   *
   * @throws IllegalArgumentException with a message fit for a 422 detail
   */
  public static long ttlSeconds(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d < 0 || d != Math.rint(d) || d > Long.MAX_VALUE) {
        throw new IllegalArgumentException("defaultTtl must be a whole number of seconds ≥ 0");
      }
      return n.longValue();
    }
    if (value instanceof String s) {
      Matcher m = DURATION.matcher(s);
      if (!m.matches()) {
        throw new IllegalArgumentException("defaultTtl \"" + s + "\" is not a duration like \"30s\", \"5m\" or \"1h\"");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> {
          if (n % 1000 != 0) {
            throw new IllegalArgumentException("defaultTtl \"" + s + "\" is not a whole number of seconds");
          }
          yield n / 1000;
        }
        case "s" -> n;
        case "m" -> n * 60;
        case "h" -> n * 3600;
        default -> n * 86400;
      };
    }
    throw new IllegalArgumentException("defaultTtl must be a number of seconds or a duration string");
  }
}
