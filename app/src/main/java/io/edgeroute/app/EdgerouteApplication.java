package io.edgeroute.app;

import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;
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

  private EdgerouteApplication(String configPath) {
    this.configPath = configPath;
  }

  public static void main(String[] args) {
    Logging.configure();
    LaunchArgs launch;
    try {
      launch = LaunchArgs.parse(args);
    } catch (IllegalArgumentException e) {
      LOG.severe(e.getMessage());
      System.exit(1);
      return;
    }
    new VertxApplication(launch.vertxArgs().toArray(String[]::new),
        new EdgerouteApplication(launch.configPath())).launch();
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
