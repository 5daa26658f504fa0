package io.edgeroute.router;

import io.micrometer.core.instrument.Counter;
import io.edgeroute.router.gate.VisitorConnections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The router's series on {@code /metrics} (SPEC §8):
 * {@code edgeroute_requests_total{status="2xx",cache="hit"}},
 * {@code edgeroute_request_duration_seconds} and {@code edgeroute_origin_duration_seconds}
 * (histograms with fixed buckets), {@code edgeroute_origin_errors_total{kind}},
 * {@code edgeroute_connections_open} and {@code edgeroute_access_log_dropped_total}. Labels take a few fixed values each; the {@code host}
 * label (a site's configured host, never the visitor's) is added only with {@code metrics.perHost}.
 */
final class RouterMeters {

  /** Values of the {@code cache} label, from the response's {@code Cache-Status}. */
  static final List<String> CACHE_RESULTS = List.of("hit", "stale", "miss", "collapsed", "bypass", "none");
  private static final String REQUEST_DURATION = "edgeroute.request.duration";
  private static final String ORIGIN_DURATION = "edgeroute.origin.duration";

  /** Host label of requests no site answered. */
  static final String NO_SITE = "_none";

  /** Bucket bounds: from a cache hit to a slow origin; a dozen series per histogram. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30)};

  private final MeterRegistry registry;
  private final boolean perHost;
  /** Without per-host labels: every counter made once, indexed [status class][cache result]. */
  private final Counter[][] requests = new Counter[6][CACHE_RESULTS.size()];
  private final Timer duration;
  private final Timer originDuration;

  RouterMeters(MeterRegistry registry, boolean perHost, AccessLog accessLog, VisitorConnections connections) {
    this.registry = registry;
    this.perHost = perHost;
    // Prometheus wants one set of label names per series name: with per-host labels, no unlabelled
    // meter may exist, so they are made per request instead of here.
    if (!perHost) {
      for (int s = 1; s <= 5; s++) {
        for (int c = 0; c < CACHE_RESULTS.size(); c++) {
          requests[s][c] = requestCounter(s + "xx", CACHE_RESULTS.get(c), Tags.empty());
        }
      }
    }
    duration = perHost ? null : timer(REQUEST_DURATION, Tags.empty());
    originDuration = perHost ? null : timer(ORIGIN_DURATION, Tags.empty());
    // One node-wide counter, so every instance registering it finds the same gauge.
    Gauge.builder("edgeroute.connections.open", connections, VisitorConnections::open)
        .description("Open visitor connections, HTTP and HTTPS").register(registry);
    if (accessLog != null) {
      FunctionCounter.builder("edgeroute.access.log.dropped", accessLog, AccessLog::dropped)
          .description("Access-log lines dropped because the writer fell behind").register(registry);
    }
  }

  /**
   * @param siteHost    the site's configured host, or {@code null} when no site answered
   * @param originNanos the origin's time to its response head, -1 when there was no origin response
   */
  void record(int status, String cacheStatus, String siteHost, long durationNanos, long originNanos, String originError) {
    int statusClass = status >= 100 && status < 600 ? status / 100 : 5;
    String cache = cacheResult(cacheStatus);
    if (perHost) {
      Tags host = Tags.of("host", siteHost == null ? NO_SITE : siteHost);
      requestCounter(statusClass + "xx", cache, host).increment();
      timer(REQUEST_DURATION, host).record(durationNanos, TimeUnit.NANOSECONDS);
      if (originNanos >= 0) {
        timer(ORIGIN_DURATION, host).record(originNanos, TimeUnit.NANOSECONDS);
      }
    } else {
      requests[statusClass][CACHE_RESULTS.indexOf(cache)].increment();
      duration.record(durationNanos, TimeUnit.NANOSECONDS);
      if (originNanos >= 0) {
        originDuration.record(originNanos, TimeUnit.NANOSECONDS);
      }
    }
    if (originError != null) {
      Counter.builder("edgeroute.origin.errors").tag("kind", originError)
          .description("Origin requests that failed, by kind").register(registry).increment();
    }
  }

  /** @return this cache's result in an RFC 9211 {@code Cache-Status} value, {@code none} without one */
  static String cacheResult(String cacheStatus) {
    if (cacheStatus == null) {
      return "none";
    }
    // The last member is the one nearest the visitor: ours.
    String ours = cacheStatus.substring(cacheStatus.lastIndexOf(',') + 1).toLowerCase(Locale.ROOT);
    if (ours.contains("collapsed")) {
      return "collapsed";
    }
    if (ours.contains("fwd=stale")) {
      return "stale";
    }
    if (ours.contains("fwd=bypass")) {
      return "bypass";
    }
    if (ours.contains("fwd=")) {
      return "miss";
    }
    return ours.contains("hit") ? "hit" : "none";
  }

  private Counter requestCounter(String status, String cache, Tags extra) {
    return Counter.builder("edgeroute.requests").tags(extra).tag("status", status).tag("cache", cache)
        .description("Requests answered, by status class and response-cache result").register(registry);
  }

  private Timer timer(String name, Tags tags) {
    String description = name.equals(REQUEST_DURATION) ? "From a request's arrival to the end of its response"
        : "From opening the origin request to its response head";
    return Timer.builder(name).tags(tags).description(description).serviceLevelObjectives(BUCKETS)
        .register(registry);
  }
}
