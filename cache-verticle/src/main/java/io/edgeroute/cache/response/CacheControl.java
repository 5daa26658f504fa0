package io.edgeroute.cache.response;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The directives of one or more {@code Cache-Control} field lines (RFC 9111 §5.2), request or
 * response. Names are case-insensitive; a quoted argument is unquoted; a directive seen twice keeps
 * its first value (RFC 9111 §4.2.1 tells a cache to treat conflicting duplicates as stale, which the
 * freshness code does by taking the first and the origin almost never sends two).
 */
public final class CacheControl {

  /** No directives at all. */
  public static final CacheControl NONE = new CacheControl(Map.of());

  private final Map<String, String> directives;

  private CacheControl(Map<String, String> directives) {
    this.directives = directives;
  }

  /** @param fieldValues every {@code Cache-Control} line of a message, possibly empty */
  public static CacheControl parse(List<String> fieldValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : fieldValues) {
      parseLine(line, map);
    }
    return map.isEmpty() ? NONE : new CacheControl(Collections.unmodifiableMap(map));
  }

  /** @return whether the directive is present, with or without an argument */
  public boolean has(String name) {
    return directives.containsKey(name);
  }

  /**
   * @return the delta-seconds argument of the directive; empty when it is absent or its argument
   *     is not a non-negative integer (an invalid {@code max-age} then gives no freshness)
   */
  public OptionalLong seconds(String name) {
    String value = directives.get(name);
    if (value == null || value.isEmpty()) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return OptionalLong.empty();
      }
    }
    // RFC 9111 §1.2.2: a delta-seconds too large to hold is taken as 2^31 s (about 68 years).
    return OptionalLong.of(value.length() > 10 ? Integer.MAX_VALUE : Math.min(Long.parseLong(value), Integer.MAX_VALUE));
  }

  /** @return the directive names in the order first seen */
  public Map<String, String> asMap() {
    return directives;
  }

  private static void parseLine(String line, Map<String, String> out) {
    int i = 0;
    int n = line.length();
    while (i < n) {
      while (i < n && (line.charAt(i) == ',' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      int nameStart = i;
      while (i < n && line.charAt(i) != '=' && line.charAt(i) != ',') {
        i++;
      }
      String name = line.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
      String value = "";
      if (i < n && line.charAt(i) == '=') {
        i++;
        if (i < n && line.charAt(i) == '"') {
          StringBuilder quoted = new StringBuilder();
          i++;
          while (i < n && line.charAt(i) != '"') {
            if (line.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            quoted.append(line.charAt(i++));
          }
          i++;
          value = quoted.toString();
          while (i < n && line.charAt(i) != ',') {
            i++;
          }
        } else {
          int valueStart = i;
          while (i < n && line.charAt(i) != ',') {
            i++;
          }
          value = line.substring(valueStart, i).trim();
        }
      }
      if (!name.isEmpty()) {
        out.putIfAbsent(name, value);
      }
    }
  }

  @Override
  public String toString() {
    return directives.toString();
  }
}
