package io.edgeroute.shared.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in configuration are strings: a whole number and a unit, {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} ({@code "250ms"}, {@code "30s"}, {@code "5m"}, {@code "24h"},
 * {@code "0s"}). A bare number is refused: {@code 30} could mean seconds or milliseconds, and a
 * wrong guess silently changes a TTL by a factor of a thousand.
 */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

  private Durations() {
  }

  /**
   * @param text the configured value, e.g. {@code "30s"}
   * @return the duration
   * @throws IllegalArgumentException with a message saying how to write it (without the key,
   *     which the caller adds)
   */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(describe(text));
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms": return Duration.ofMillis(n);
      case "s": return Duration.ofSeconds(n);
      case "m": return Duration.ofMinutes(n);
      case "h": return Duration.ofHours(n);
      default: return Duration.ofDays(n);
    }
  }

  /**
   * @return an exact text for {@code d} the way people write it: the next larger unit is used only
   *     once a value reaches 100 and divides evenly ({@code "60s"}, {@code "5m"}, {@code "24h"})
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long n = ms / 1000;
    String[] units = {"s", "m", "h", "d"};
    long[] next = {60, 60, 24};
    int u = 0;
    while (u < next.length && n >= 100 && n % next[u] == 0) {
      n /= next[u];
      u++;
    }
    return n + units[u];
  }

  /** Refuses negative durations; the message names no key (the caller adds it). */
  static Duration requireNonNegative(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("must be a duration of 0s or more");
    }
    return d;
  }

  private static String describe(String text) {
    String shown = "\"" + text + "\"";
    if (text != null && text.trim().matches("\\d+(\\.\\d+)?")) {
      return shown + " is not a duration; write it like \"" + text.trim() + "s\"";
    }
    return shown + " is not a duration; write it like \"250ms\", \"30s\", \"5m\" or \"24h\"";
  }
}
