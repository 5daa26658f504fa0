package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The full key of one stored variant: the {@link PrimaryKey} plus the values the request had for
 * the header names the stored response listed in {@code Vary} (RFC 9111 §4.1; the two-level lookup
 * of Varnish and Squid: primary → recorded Vary names → variant).
 *
 * @param primary the first level
 * @param variant the selected request header values, canonical; {@code ""} when the response had no Vary
 */
public record EntryKey(PrimaryKey primary, String variant) {

  public EntryKey {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(variant, "variant");
  }

  /** An RFC 9110 §12.4.2 weight. */
  private static final Pattern WEIGHT = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");


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
      if (name.equals("accept-language")) {
        normaliseLanguages(parts);
      }
      variant.append(String.join(",", parts)).append('\n');
    }
    return new EntryKey(primary, variant.toString());
  }

  /**
   * {@code Accept-Language} lists that mean the same select the same variant: language ranges are
   * case-insensitive (RFC 4647 §2), whitespace around parameters means nothing, and only the
   * weights order a list (RFC 9110 §12.5.4), so ranges of equal weight are sorted. Unparseable
   * weights are left as written (the list then only matches itself).
   */
  static void normaliseLanguages(List<String> parts) {
    List<String[]> ranges = new ArrayList<>(parts.size());
    for (String part : parts) {
      String compact = part.replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT);
      int q = compact.indexOf(";q=");
      String weight = q < 0 ? "1" : compact.substring(q + 3);
      if (!WEIGHT.matcher(weight).matches()) {
        return;
      }
      double w = Double.parseDouble(weight);
      ranges.add(new String[] {q < 0 ? compact : compact.substring(0, q), w == 1 ? "" : ";q=" + w});
    }
    ranges.sort((a, b) -> {
      int byWeight = Double.compare(weight(b), weight(a));
      return byWeight != 0 ? byWeight : a[0].compareTo(b[0]);
    });
    parts.clear();
    for (String[] range : ranges) {
      parts.add(range[0] + range[1]);
    }
  }

  private static double weight(String[] range) {
    return range[1].isEmpty() ? 1 : Double.parseDouble(range[1].substring(3));
  }

  int weight() {
    return primary.weight() + variant.length();
  }

  // Written out rather than left to the record's generated methods, as PrimaryKey's: on every hit.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof EntryKey k && variant.equals(k.variant) && primary.equals(k.primary);
  }

  @Override
  public int hashCode() {
    return 31 * primary.hashCode() + variant.hashCode();
  }
}
