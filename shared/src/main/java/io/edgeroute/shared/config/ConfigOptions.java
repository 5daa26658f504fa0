package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Block {@code config}: how the configuration file itself is watched. */
public class ConfigOptions {

  static final String PATH = "config";

  /**
   * Default {@code config.scanPeriod} = 2s: how often the file is
   * re-read. {@code "0s"} reads it once at start only. Live: a new period applies from the next scan.
   */
  public static final Duration DEFAULT_SCAN_PERIOD = Duration.ofSeconds(2);

  private Duration scanPeriod = DEFAULT_SCAN_PERIOD;

  public ConfigOptions() {
  }

  public ConfigOptions(ConfigOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public ConfigOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  ConfigOptions(ConfigReader in, boolean strict) {
    scanPeriod = in.duration("scanPeriod", DEFAULT_SCAN_PERIOD);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public Duration getScanPeriod() {
    return scanPeriod;
  }

  public ConfigOptions setScanPeriod(Duration scanPeriod) {
    this.scanPeriod = Checks.check(PATH + ".scanPeriod", scanPeriod, Checks::nonNegative);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("scanPeriod", Durations.format(scanPeriod));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfigOptions && toJson().equals(((ConfigOptions) o).toJson());
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
