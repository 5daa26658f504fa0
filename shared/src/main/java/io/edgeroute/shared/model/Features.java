package io.edgeroute.shared.model;

import io.vertx.core.json.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code features} map of a site (SPEC §3): flat scalar values, all of them part of the
 * response cache key (§6) so that changing a flag never serves the old variant (seed 002).
 */
public final class Features {

  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  private Features() {
  }

  /** @return whether {@code value} may be a feature value: a string, number or boolean */
  public static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /**
   * Gives whole numbers one Java type, so a site reads back equal after a trip through JSON text
   * (Jackson decodes {@code 1} as an Integer whatever type was written).
   *
   * @return {@code value} with Byte, Short, Long and in-range BigInteger values as Integer when they
   *     fit, else Long; anything else unchanged
   */
  static Object normalizeNumber(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Long
        || (value instanceof BigInteger b && b.bitLength() < 64)) {
      long v = ((Number) value).longValue();
      // Not a ?: expression: numeric promotion would box both arms as Long.
      if (v == (int) v) {
        return Integer.valueOf((int) v);
      }
      return Long.valueOf(v);
    }
    return value;
  }

  /**
   * A canonical text of the map for cache keys, independent of insertion order, e.g.
   * {@code minify=true;polish="lossy"}.
   *
   * <p>Distinct maps never give the same text: entries are sorted by key; a key is written bare
   * only when it is made of {@code [A-Za-z0-9_.-]}, else as a JSON string (which starts with
   * {@code "} and so cannot be confused with a bare key); string values are always JSON strings,
   * booleans are bare {@code true}/{@code false}, numbers are canonical decimals ({@code 1},
   * {@code 1.0} and {@code 1e0} are the same JSON number and give {@code 1}). JSON escaping keeps
   * {@code ;} and {@code =} inside quotes, so the separators are unambiguous.
   *
   * @return {@code ""} for an empty map
   */
  public static String canonicalKey(Map<String, ?> features) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, ?> e : new TreeMap<>(features).entrySet()) {
      if (out.length() > 0) {
        out.append(';');
      }
      String key = e.getKey();
      out.append(BARE_KEY.matcher(key).matches() ? key : Json.encode(key)).append('=').append(value(e.getValue()));
    }
    return out.toString();
  }

  private static String value(Object value) {
    if (value instanceof String s) {
      return Json.encode(s);
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Number n) {
      BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    // Non-scalars are refused by the validator and the Site constructor; JSON keeps this total.
    return Json.encode(value);
  }
}
