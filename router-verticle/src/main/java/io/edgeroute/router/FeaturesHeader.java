package io.edgeroute.router;

import io.edgeroute.shared.model.Site;
import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * {@code featuresHeader} (SPEC §3): the site's features, which are part of the response cache key,
 * sent to the origin as an RFC 8941 dictionary so it renders the variant the key names:
 * {@code {"polish": "lossy", "minify": true}} → {@code polish=lossy, minify}. A value that RFC 8941
 * cannot carry (a non-ASCII string, a number beyond its ranges) is left out rather than mangled, and
 * so is a name that is not a dictionary key even once lowercased.
 */
final class FeaturesHeader {

  /** RFC 8941 §3.1.2 key. */
  private static final Pattern KEY = Pattern.compile("[a-z*][a-z0-9_\\-.*]*");
  /** RFC 8941 §3.3.4 token. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z*][A-Za-z0-9!#$%&'*+\\-.^_`|~:/]*");
  /** RFC 8941 §3.3.3: printable ASCII. */
  private static final Pattern STRING = Pattern.compile("[\\x20-\\x7e]*");
  private static final BigDecimal MAX_INTEGER = new BigDecimal("999999999999999");
  private static final BigDecimal MAX_DECIMAL_INTEGER_PART = new BigDecimal("999999999999");

  private FeaturesHeader() {
  }

  /** Sets the site's features header on {@code out}, replacing any the visitor sent; nothing without one. */
  static void apply(MultiMap out, Site site) {
    if (site == null || site.featuresHeader() == null) {
      return;
    }
    out.remove(site.featuresHeader());
    String value = dictionary(site.features());
    if (!value.isEmpty()) {
      out.set(site.featuresHeader(), value);
    }
  }

  /** @return the features as a serialized RFC 8941 dictionary, in their order; empty for none */
  static String dictionary(Map<String, Object> features) {
    StringJoiner out = new StringJoiner(", ");
    features.forEach((name, value) -> {
      String key = name.toLowerCase(java.util.Locale.ROOT);
      String item = item(value);
      if (KEY.matcher(key).matches() && item != null) {
        out.add(item.equals("?1") ? key : key + "=" + item);
      }
    });
    return out.toString();
  }

  /** @return the bare item for {@code value}, or {@code null} when RFC 8941 has none */
  private static String item(Object value) {
    if (value instanceof Boolean b) {
      return b ? "?1" : "?0";
    }
    if (value instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString());
      if (d.stripTrailingZeros().scale() <= 0) {
        return d.abs().compareTo(MAX_INTEGER) <= 0 ? d.toBigInteger().toString() : null;
      }
      BigDecimal rounded = d.setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
      return rounded.abs().compareTo(MAX_DECIMAL_INTEGER_PART) <= 0 ? rounded.toPlainString() : null;
    }
    String s = String.valueOf(value);
    if (TOKEN.matcher(s).matches()) {
      return s;
    }
    if (STRING.matcher(s).matches()) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return null;
  }
}
