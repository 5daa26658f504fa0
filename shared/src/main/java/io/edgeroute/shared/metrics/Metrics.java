package io.edgeroute.shared.metrics;

import io.edgeroute.shared.config.MetricsOptions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.HashSet;
import java.util.Set;

/**
 * The process's meter registry (SPEC §8 {@code /metrics}): one Prometheus registry holding
 * Vert.x's own event-bus and pool meters (its per-request HTTP server and client meters only when
 * {@code metrics.visitorRequests} / {@code metrics.originRequests} ask for them), the JVM and
 * process meters, and Edgeroute's. Every name is prefixed {@code edgeroute_}, Vert.x's too
 * ({@code edgeroute_vertx_eventbus_handlers}), so one prefix finds everything of a node.
 *
 * <p>Code that records reads {@link #registry()}: the registry Vert.x was started with, or, when
 * Vert.x runs without metrics (tests, {@code metrics.enabled: false}), a process-wide one nobody
 * scrapes, so recording never needs a null check.
 */
public final class Metrics {

  /** The prefix of every series. */
  public static final String PREFIX = "edgeroute";

  /** Vert.x's JVM meters whose names promtool refuses (abbreviated units). */
  private static final Set<String> UNLINTABLE = Set.of(PREFIX + ".jvm.compilation.time",
      PREFIX + ".process.cpu.time");

  private static final PrometheusMeterRegistry FALLBACK = newRegistry();

  private Metrics() {
  }

  /** @return a Prometheus registry that prefixes every meter name with {@value #PREFIX} */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Before any meter exists: a filter only applies to meters registered after it.
    // promtool's lint refuses units abbreviated in names and a gauge ending in _count: the two
    // meters in ms and ns are left out (process_cpu_usage stays), the CPU count is renamed.
    // Micrometer asks accept() about the id as mapped, so with the prefix.
    registry.config().meterFilter(MeterFilter.deny(id -> UNLINTABLE.contains(id.getName())));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getName().equals("system.cpu.count")) {
          return id.withName(PREFIX + ".system.cpus");
        }
        return id.getName().startsWith(PREFIX + ".") || id.getName().startsWith(PREFIX + "_")
            ? id : id.withName(PREFIX + "." + id.getName());
      }
    });
    return registry;
  }

  /**
   * Turns Vert.x metrics on for {@code builder}'s Vert.x, recording into {@code registry}, with the
   * JVM meters and the process's uptime and file descriptors; does nothing when
   * {@code metrics.enabled} is false.
   *
   * @return {@code builder}
   */
  public static VertxBuilder enable(VertxBuilder builder, VertxOptions options, MetricsOptions metrics,
                                    PrometheusMeterRegistry registry) {
    if (!metrics.isEnabled()) {
      return builder;
    }
    MicrometerMetricsOptions vertxMetrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    Set<String> disabled = new HashSet<>();
    if (!metrics.isOriginRequests()) {
      disabled.add(MetricsDomain.HTTP_CLIENT.toCategory());
    }
    if (!metrics.isVisitorRequests()) {
      disabled.add(MetricsDomain.HTTP_SERVER.toCategory());
    }
    vertxMetrics.setDisabledMetricsCategories(disabled);
    options.setMetricsOptions(vertxMetrics);
    new FileDescriptorMetrics().bindTo(registry);
    return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** @return the registry Vert.x records into, or the unscraped fallback when metrics are off */
  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry != null ? registry : FALLBACK;
  }

  /** @return the Prometheus text of {@link #registry()}, or {@code null} when it is not Prometheus */
  public static String scrape() {
    return registry() instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : null;
  }
}
