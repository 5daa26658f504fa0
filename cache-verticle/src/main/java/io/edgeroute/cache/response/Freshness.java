package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

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
   * @param requestTime  when the request that produced the response was sent (epoch ms)
   * @param responseTime when its header section arrived (epoch ms)
   */
  public static Freshness of(CacheControl cc, MultiMap headers, long defaultTtlSeconds, long requestTime,
                             long responseTime) {
    long dateValue = HttpDates.parse(headers.get("Date"));
    if (dateValue < 0) {
      dateValue = responseTime;
    }
    OptionalLong lifetime = cc.seconds("s-maxage");
    if (lifetime.isEmpty()) {
      lifetime = cc.seconds("max-age");
    }
    if (lifetime.isEmpty() && headers.contains("Expires")) {
      long expires = HttpDates.parse(headers.get("Expires"));
      // RFC 9111 §5.3: an invalid Expires (e.g. "0") means already expired.
      lifetime = OptionalLong.of(expires < 0 ? 0 : Math.max(0, (expires - dateValue) / 1000));
    }
    boolean explicit = lifetime.isPresent();
    long ageValue = parseAge(headers.get("Age"));
    long apparentAge = Math.max(0, responseTime - dateValue);
    long responseDelay = Math.max(0, responseTime - requestTime);
    long correctedAgeValue = ageValue * 1000 + responseDelay;
    long initialAge = Math.max(apparentAge, correctedAgeValue);
    // The RFC 5861 directives are explicit permissions, so they also apply with s-maxage (whose
    // implied proxy-revalidate would otherwise forbid stale use): the CDN pattern
    // "s-maxage=60, stale-while-revalidate=30" means exactly that. An explicit must-revalidate,
    // proxy-revalidate or no-cache still wins.
    boolean mayServeStale = !cc.has("must-revalidate") && !cc.has("proxy-revalidate") && !cc.has("no-cache");
    return new Freshness(explicit ? lifetime.getAsLong() : defaultTtlSeconds, explicit, initialAge, responseTime,
        cc.seconds("stale-while-revalidate").orElse(0), cc.seconds("stale-if-error").orElse(0), mayServeStale);
  }

  private static long parseAge(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
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
