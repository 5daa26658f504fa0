package io.edgeroute.app;

import io.edgeroute.shared.config.LogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * java.util.logging with one line per record (see {@code logging.properties} beside this class),
 * and the live {@code log.level}.
 */
final class Logging {

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger EDGEROUTE = Logger.getLogger("io.edgeroute");
  private static final Logger ROOT = Logger.getLogger("");

  private Logging() {
  }

  /** Installs the one-line format, unless the operator chose a configuration with {@code -Djava.util.logging.config.file}. */
  static void configure() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Logging.class.getResourceAsStream("logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      Logger.getLogger(Logging.class.getName()).warning("default logging configuration unreadable: " + e);
    }
  }

  /**
   * Applies {@code log.level}: to Edgeroute's own loggers as given; to libraries (Vert.x, Netty,
   * Hazelcast) only when it is stricter than INFO, since their debug output would drown ours.
   */
  static void apply(LogOptions options) {
    Level level = options.getJulLevel();
    EDGEROUTE.setLevel(level);
    ROOT.setLevel(level.intValue() > Level.INFO.intValue() ? level : Level.INFO);
  }
}
