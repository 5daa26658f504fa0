package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Block {@code shutdown}: the drain on SIGTERM (SPEC §8). Readiness turns 503 at once; new
 * connections are refused after {@code delay}; requests in flight get up to {@code timeout} to
 * finish. Live: the values in force when SIGTERM arrives are used.
 */
public class ShutdownOptions {

  static final String PATH = "shutdown";

  /**
   * Default {@code shutdown.delay} = 0s: how long the listeners keep accepting after readiness
   * turned 503, for load balancers that need a few probes to notice.
   */
  public static final Duration DEFAULT_DELAY = Duration.ZERO;
  /** Default {@code shutdown.timeout} = 30s: the longest requests in flight may take to finish. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private Duration delay = DEFAULT_DELAY;
  private Duration timeout = DEFAULT_TIMEOUT;

  public ShutdownOptions() {
  }

  public ShutdownOptions(ShutdownOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public ShutdownOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  ShutdownOptions(ConfigReader in, boolean strict) {
    delay = in.duration("delay", DEFAULT_DELAY);
    timeout = in.duration("timeout", DEFAULT_TIMEOUT);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public Duration getDelay() {
    return delay;
  }

  public ShutdownOptions setDelay(Duration delay) {
    this.delay = Checks.check(PATH + ".delay", delay, Checks::nonNegative);
    return this;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public ShutdownOptions setTimeout(Duration timeout) {
    this.timeout = Checks.check(PATH + ".timeout", timeout, Checks::nonNegative);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("delay", Durations.format(delay)).put("timeout", Durations.format(timeout));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShutdownOptions && toJson().equals(((ShutdownOptions) o).toJson());
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
