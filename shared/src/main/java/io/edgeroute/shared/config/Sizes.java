package io.edgeroute.shared.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in configuration are strings: a whole number and a binary unit, {@code B}, {@code KiB},
 * {@code MiB}, {@code GiB} or {@code TiB} ({@code "10B"}, {@code "100KiB"}, {@code "8MiB"},
 * {@code "1GiB"}). A bare number is refused for the same reason as in {@link Durations}; decimal
 * units ({@code MB}) are refused too, because whether they mean 10^6 or 2^20 is a coin toss.
 */
public final class Sizes {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})(B|KiB|MiB|GiB|TiB)");
  private static final String[] UNITS = {"TiB", "GiB", "MiB", "KiB"};
  private static final int[] SHIFTS = {40, 30, 20, 10};

  private Sizes() {
  }

  /**
   * @param text the configured value, e.g. {@code "8MiB"}
   * @return the size in bytes
   * @throws IllegalArgumentException with a message saying how to write it (without the key)
   */
  public static long parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(describe(text));
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return Math.multiplyExact(n, 1L << SHIFTS[i]);
      }
    }
    return n;
  }

  /** @return the shortest exact text for {@code bytes}, in the largest unit that divides it */
  public static String format(long bytes) {
    for (int i = 0; i < UNITS.length; i++) {
      long unit = 1L << SHIFTS[i];
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + UNITS[i];
      }
    }
    return bytes + "B";
  }

  private static String describe(String text) {
    String shown = "\"" + text + "\"";
    if (text != null && text.trim().matches("\\d+")) {
      return shown + " is not a size; write it like \"" + text.trim() + "B\" or \"8MiB\"";
    }
    return shown + " is not a size; write it like \"512KiB\", \"8MiB\" or \"1GiB\"";
  }
}
