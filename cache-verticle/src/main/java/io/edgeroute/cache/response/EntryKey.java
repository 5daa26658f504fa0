package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The full key of one stored variant: the {@link PrimaryKey} plus the values the request had for
 * the header names the stored response listed in {@code Vary} (RFC 9111 §4.1; the two-level lookup
 * of Varnish and Squid: primary → recorded Vary names → variant).
 *
 * @param primary the first level
 * @param variant the selected request header values, canonical; {@code ""} when the response had no Vary
 */
public record EntryKey(PrimaryKey primary, String variant) {

  /**
   * @param varyFieldValues every {@code Vary} line of a response
   * @return the header names, lower case, sorted, without duplicates; {@code ["*"]} for {@code Vary: *}
   */
  public static List<String> varyNames(List<String> varyFieldValues) {
    TreeSet<String> names = new TreeSet<>();
    for (String line : varyFieldValues) {
      for (String name : line.split(",")) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.isEmpty()) {
          names.add(n);
        }
      }
    }
    return names.contains("*") ? List.of("*") : new ArrayList<>(names);
  }

  /**
   * Builds the variant text from the request. Values are joined per RFC 9111 §4.1 (several lines
   * combine as one comma list) with whitespace around commas normalised; an absent header is
   * written differently from an empty one, and the separators cannot occur in a header value.
   */
  public static EntryKey of(PrimaryKey primary, List<String> varyNames, MultiMap requestHeaders) {
    if (varyNames.isEmpty()) {
      return new EntryKey(primary, "");
    }
    StringBuilder variant = new StringBuilder();
    for (String name : varyNames) {
      List<String> values = requestHeaders.getAll(name);
      variant.append(name);
      if (values.isEmpty()) {
        variant.append('\n');
        continue;
      }
      variant.append(':');
      List<String> parts = new ArrayList<>();
      for (String value : values) {
        for (String part : value.split(",")) {
          parts.add(part.trim());
        }
      }
      variant.append(String.join(",", parts)).append('\n');
    }
    return new EntryKey(primary, variant.toString());
  }

  int weight() {
    return primary.weight() + variant.length();
  }
}
