package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import io.edgeroute.shared.model.CacheSettings;

import java.util.List;
import java.util.OptionalLong;

/**
 * How long a stored response is fresh and how old it is (RFC 9111 §4.2), seen by a shared cache,
 * plus the RFC 5861 windows in which it may still be served stale.
 *
 * @param lifetimeSeconds  freshness lifetime: {@code s-maxage}, else {@code max-age}, else
 *                         {@code Expires} minus {@code Date}, else the site's {@code defaultTtl}
 * @param explicit         whether the origin gave the lifetime (the heuristic rules only allow the
 *                         default for some status codes, RFC 9111 §4.2.2)
 * @param initialAgeMillis {@code corrected_initial_age} of RFC 9111 §4.2.3, at {@code responseTime}
 * @param responseTime     when the response was received, epoch ms of the cache's clock
 * @param swrSeconds       {@code stale-while-revalidate} window after expiry
 * @param sieSeconds       {@code stale-if-error} window after expiry
 * @param mayServeStale    false with {@code must-revalidate}, {@code proxy-revalidate} or
 *                         {@code no-cache}; then neither window applies
 */
public record Freshness(long lifetimeSeconds, boolean explicit, long initialAgeMillis, long responseTime,
                        long swrSeconds, long sieSeconds, boolean mayServeStale) {

  /**
   * As {@link #of(TargetedCacheControl, MultiMap, CacheSettings, long, long)} with
   * {@code Cache-Control} directives and only a {@code defaultTtl} from the site.
   *
   * @param requestTime  when the request that produced the response was sent (epoch ms)
   * @param responseTime when its header section arrived (epoch ms)
   */
  public static Freshness of(CacheControl cc, MultiMap headers, long defaultTtlSeconds, long requestTime,
                             long responseTime) {
    return of(new TargetedCacheControl(cc, false), headers, new CacheSettings(true, defaultTtlSeconds, List.of()),
        requestTime, responseTime);
  }

  /**
   * RFC 9111 §4.2.1 (lifetime), §4.2.2 (heuristic, only with {@code cache.heuristic}), §4.2.3
   * (age), §5.1 ({@code Age}), §5.3 ({@code Expires}), with the site's {@code staleIfError} and
   * {@code staleWhileRevalidate} as floors of the RFC 5861 windows.
   *
   * @param directives   the directives for this cache (RFC 9213: a targeted field, then Cache-Control)
   * @param site         the site's cache settings
   * @param requestTime  when the request that produced the response was sent (epoch ms)
   * @param responseTime when its header section arrived (epoch ms)
   */
  public static Freshness of(TargetedCacheControl directives, MultiMap headers, CacheSettings site,
                             long requestTime, long responseTime) {
    CacheControl cc = directives.directives();
    long dateValue = HttpDates.parse(headers.get("Date"), responseTime);
    if (dateValue < 0) {
      dateValue = responseTime;
    }
    OptionalLong lifetime = cc.seconds("s-maxage");
    if (lifetime.isEmpty()) {
      lifetime = cc.seconds("max-age");
    }
    if (lifetime.isEmpty() && !directives.targeted() && headers.contains("Expires")) {
      List<String> expiresLines = headers.getAll("Expires");
      // RFC 9111 §5.3: an invalid Expires (e.g. "0", a one-digit hour) means already expired;
      // so do two Expires lines, which cannot be one valid HTTP-date.
      long expires = expiresLines.size() == 1 ? HttpDates.parse(expiresLines.get(0), responseTime) : -1;
      lifetime = OptionalLong.of(expires < 0 ? 0 : Math.max(0, (expires - dateValue) / 1000));
    }
    if (cc.has("no-cache")) {
      // RFC 9111 §5.2.2.4: stored, but never used without revalidation: never fresh.
      lifetime = OptionalLong.of(0);
    }
    boolean explicit = lifetime.isPresent();
    long heuristic = site.defaultTtlSeconds();
    long lastModified = HttpDates.parse(headers.get("Last-Modified"), responseTime);
    if (!explicit && site.heuristic() && lastModified >= 0 && lastModified <= dateValue) {
      // RFC 9111 §4.2.2: a tenth of the time since the last modification.
      heuristic = (dateValue - lastModified) / 10_000;
    }
    long ageValue = parseAge(headers.getAll("Age"));
    long apparentAge = Math.max(0, responseTime - dateValue);
    long responseDelay = Math.max(0, responseTime - requestTime);
    long correctedAgeValue = ageValue * 1000 + responseDelay;
    long initialAge = Math.max(apparentAge, correctedAgeValue);
    // The RFC 5861 directives are explicit permissions, so they also apply with s-maxage (whose
    // implied proxy-revalidate would otherwise forbid stale use): the CDN pattern
    // "s-maxage=60, stale-while-revalidate=30" means exactly that. An explicit must-revalidate,
    // proxy-revalidate or no-cache still wins, over the site's windows too.
    boolean mayServeStale = !cc.has("must-revalidate") && !cc.has("proxy-revalidate") && !cc.has("no-cache");
    // The site's own windows are no origin permission: s-maxage's implied proxy-revalidate
    // (RFC 9111 §5.2.2.10) forbids them.
    boolean siteMayServeStale = !cc.has("s-maxage");
    long swr = Math.max(cc.seconds("stale-while-revalidate").orElse(0),
        siteMayServeStale ? site.staleWhileRevalidateSeconds() : 0);
    long sie = Math.max(cc.seconds("stale-if-error").orElse(0), siteMayServeStale ? site.staleIfErrorSeconds() : 0);
    return new Freshness(explicit ? lifetime.getAsLong() : heuristic, explicit, initialAge, responseTime,
        swr, sie, mayServeStale);
  }

  /**
   * RFC 9111 §5.1: {@code Age} is one delta-seconds; a list ({@code 7200, 0}) or repeated lines
   * are not valid, and the first value is the one taken (a cache must not underestimate age, and
   * the first is what the nearest upstream cache wrote). A value that is no number counts as 0.
   */
  static long parseAge(List<String> lines) {
    if (lines.isEmpty()) {
      return 0;
    }
    String first = lines.get(0);
    int comma = first.indexOf(',');
    String value = (comma < 0 ? first : first.substring(0, comma)).trim();
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return 0;
    }
    // RFC 9111 §1.2.2: too large to hold is 2^31 s.
    return value.length() > 10 ? Integer.MAX_VALUE : Math.min(Long.parseLong(value), Integer.MAX_VALUE);
  }

  /** @return {@code current_age} of RFC 9111 §4.2.3 in milliseconds */
  public long ageMillis(long now) {
    return initialAgeMillis + Math.max(0, now - responseTime);
  }

  /** @return the {@code Age} header value: whole seconds, rounded down */
  public long ageSeconds(long now) {
    return ageMillis(now) / 1000;
  }

  /** @return remaining freshness in whole seconds; negative once stale (RFC 9211 {@code ttl}) */
  public long ttlSeconds(long now) {
    return Math.floorDiv(lifetimeSeconds * 1000 - ageMillis(now), 1000);
  }

  public boolean isFresh(long now) {
    return ageMillis(now) < lifetimeSeconds * 1000;
  }

  /** @return whether a stale response may be served while one request refreshes it */
  public boolean withinStaleWhileRevalidate(long now) {
    return mayServeStale && swrSeconds > 0 && ageMillis(now) < (lifetimeSeconds + swrSeconds) * 1000;
  }

  /** @return whether a stale response may be served because the origin failed */
  public boolean withinStaleIfError(long now) {
    return mayServeStale && sieSeconds > 0 && ageMillis(now) < (lifetimeSeconds + sieSeconds) * 1000;
  }

  /** @return whether the entry is of any use at {@code now}; past this the store may drop it */
  public boolean isUseful(long now) {
    return isFresh(now) || withinStaleWhileRevalidate(now) || withinStaleIfError(now);
  }
}
