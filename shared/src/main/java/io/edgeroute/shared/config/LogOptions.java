package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * Block {@code log}. Edgeroute logs with java.util.logging; besides its level names
 * ({@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE}, ...) the usual
 * {@code ERROR}, {@code WARN}, {@code DEBUG} and {@code TRACE} are understood.
 */
public class LogOptions {

  static final String PATH = "log";

  /** Default {@code log.level} = {@value}. Live. */
  public static final String DEFAULT_LEVEL = "INFO";

  /** Default {@code log.access} = {@value}: one JSON line per request on standard output. Live. */
  public static final boolean DEFAULT_ACCESS = true;
  /**
   * Default {@code log.accessFile} = none: access lines go to standard output (diagnostics go to
   * standard error). A path writes them to that file instead, appending. Read at start.
   */
  public static final String DEFAULT_ACCESS_FILE = null;

  private static final Map<String, Level> ALIASES = Map.of(
      "ERROR", Level.SEVERE, "WARN", Level.WARNING, "DEBUG", Level.FINE, "TRACE", Level.FINER);

  private String level = DEFAULT_LEVEL;
  private boolean access = DEFAULT_ACCESS;
  private String accessFile = DEFAULT_ACCESS_FILE;

  public LogOptions() {
  }

  public LogOptions(LogOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public LogOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  LogOptions(ConfigReader in, boolean strict) {
    level = in.check("level", in.string("level", DEFAULT_LEVEL), DEFAULT_LEVEL, LogOptions::toLevel);
    access = in.bool("access", DEFAULT_ACCESS);
    accessFile = in.optString("accessFile", DEFAULT_ACCESS_FILE);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public String getLevel() {
    return level;
  }

  /** @return the java.util.logging level {@link #getLevel()} names */
  public Level getJulLevel() {
    return toLevel(level);
  }

  public LogOptions setLevel(String level) {
    this.level = Checks.check(PATH + ".level", level, LogOptions::toLevel);
    return this;
  }

  public boolean isAccess() {
    return access;
  }

  public LogOptions setAccess(boolean access) {
    this.access = access;
    return this;
  }

  /** @return the file access lines are appended to, or {@code null} for the logger */
  public String getAccessFile() {
    return accessFile;
  }

  public LogOptions setAccessFile(String accessFile) {
    this.accessFile = accessFile;
    return this;
  }

  private static Level toLevel(String name) {
    String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    if (ALIASES.containsKey(upper)) {
      return ALIASES.get(upper);
    }
    try {
      return Level.parse(upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a log level (ERROR, WARN, INFO, DEBUG, TRACE)");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("level", level).put("access", access).put("accessFile", accessFile);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogOptions && toJson().equals(((LogOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
