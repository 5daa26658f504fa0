package io.edgeroute.app;

import io.edgeroute.shared.config.ClusterOptions;
import io.edgeroute.shared.config.ConfigFileException;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.MetricsOptions;
import io.edgeroute.shared.config.ShutdownOptions;
import io.edgeroute.shared.metrics.Metrics;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code java -jar edgeroute.jar [-conf FILE] [-cluster]}: sets up logging, takes {@code -conf}
 * out of the arguments and launches {@link MainVerticle} with VertxApplication, which handles
 * {@code -cluster}, signals and shutdown.
 */
public final class EdgerouteApplication implements VertxApplicationHooks {

  private static final Logger LOG = Logger.getLogger(EdgerouteApplication.class.getName());

  private final String configPath;
  private final ClusterOptions cluster;
  private final MetricsOptions metrics;
  private final ShutdownOptions shutdown;

  private EdgerouteApplication(String configPath, EdgerouteOptions startup) {
    this.configPath = configPath;
    this.cluster = startup.getCluster();
    this.metrics = startup.getMetrics();
    this.shutdown = startup.getShutdown();
  }

  public static void main(String[] args) {
    // Help and version are the answer itself, not log lines: printed as they are, on stdout.
    if (Usage.handled(args, System.out)) {
      return;
    }
    Logging.configure();
    LaunchArgs launch;
    EdgerouteOptions startup;
    try {
      launch = LaunchArgs.parse(args);
      startup = StartupOptions.read(launch.configPath(), System.getenv());
    } catch (IllegalArgumentException | ConfigFileException e) {
      LOG.severe(e.getMessage());
      System.exit(1);
      return;
    }
    new VertxApplication(launch.vertxArgs().toArray(String[]::new),
        new EdgerouteApplication(launch.configPath(), startup)).launch();
  }

  /**
   * VertxApplication builds a clustered Vert.x only with {@code -cluster}; the cluster manager is
   * offered every time and used only then.
   */
  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    // Netty's native epoll transport where the jar carries it (Linux x86_64), NIO elsewhere.
    options.setPreferNativeTransport(true);
    // Metrics are set up before Vert.x exists: its own meters are created with it.
    return Metrics.enable(HazelcastSetup.vertxBuilder(options, cluster), options, metrics, Metrics.newRegistry());
  }

  /** From now on SIGTERM drains the node (SPEC §8) instead of closing it at once. */
  @Override
  public void afterVertxStarted(HookContext context) {
    Vertx vertx = context.vertx();
    Drain.install(vertx, shutdown);
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("Network transport: native epoll");
    } else {
      Throwable cause = vertx.unavailableNativeTransportCause();
      LOG.info("Network transport: NIO" + (cause == null ? "" : " (native epoll unavailable: " + cause.getMessage() + ")"));
    }
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return MainVerticle::new;
  }

  /** The main verticle's config is just where the configuration file is; it reads and watches it. */
  @Override
  public JsonObject afterConfigParsed(JsonObject config) {
    return MainVerticle.configFor(configPath);
  }
}
