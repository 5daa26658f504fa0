package io.edgeroute.app;

import io.edgeroute.shared.config.LogOptions;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging with one line per record (see {@code logging.properties} beside this class),
 * and the live {@code log.level}.
 */
final class Logging {

  /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
  private static final Logger EDGEROUTE = Logger.getLogger("io.edgeroute");
  private static final Logger ROOT = Logger.getLogger("");
  /** The access log (SPEC §8) without {@code log.accessFile}: bare JSON lines on standard output. */
  private static final Logger ACCESS = Logger.getLogger("edgeroute.access");

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
    // Access lines are data, not diagnostics: the JSON alone, one per line, on stdout (nginx's
    // access.log to error.log split), and whatever log.level says.
    ACCESS.setUseParentHandlers(false);
    ACCESS.setLevel(Level.INFO);
    // Written to the standard-output descriptor through a large buffer rather than System.out,
    // whose 128-byte buffer flushes on every line: the access log flushes once per batch.
    ACCESS.addHandler(new StreamHandler(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
        new Formatter() {
          @Override
          public String format(LogRecord record) {
            return record.getMessage() + System.lineSeparator();
          }
        }));
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
