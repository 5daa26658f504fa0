package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which directives govern this cache's use of a response (RFC 9213 §2.1): the first valid,
 * non-empty targeted field of the target list — {@code Edgeroute-Cache-Control}, then
 * {@code CDN-Cache-Control} — and then {@code Cache-Control} and {@code Expires} are ignored;
 * without one, {@code Cache-Control} (and {@code Expires}) as usual.
 *
 * <p>A targeted field is a Structured Field Dictionary (RFC 8941); one that does not parse as one,
 * or whose {@code max-age} / {@code s-maxage} is not an Integer, is invalid and ignored whole.
 * {@code Edgeroute-Cache-Control} is this cache's alone and never reaches the visitor;
 * {@code CDN-Cache-Control} is passed on, as RFC 9213 allows, for a CDN in front of Edgeroute.
 *
 * @param directives the directives to apply
 * @param targeted   whether they came from a targeted field (then {@code Expires} is ignored)
 */
public record TargetedCacheControl(CacheControl directives, boolean targeted) {

  /** Edgeroute's own targeted field: a directive to this cache only. */
  public static final String EDGEROUTE = "Edgeroute-Cache-Control";

  /** RFC 9213's field for every CDN cache. */
  public static final String CDN = "CDN-Cache-Control";

  /** The target list, most specific first. */
  static final List<String> TARGET_LIST = List.of(EDGEROUTE, CDN);

  private static final Set<String> INTEGER_DIRECTIVES = Set.of("max-age", "s-maxage", "stale-while-revalidate",
      "stale-if-error");

  private static final String KEY = "[a-z*][a-z0-9_.*-]*";
  private static final String BARE_ITEM = "(?:-?[0-9]{1,15}(?:\\.[0-9]{1,3})?|\"(?:[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\"\\\\])*\""
      + "|[A-Za-z*][!#$%&'*+.^_`|~0-9A-Za-z:/-]*|:[A-Za-z0-9+/=]*:|\\?[01])";
  private static final String PARAMS = "(?:;[ ]*" + KEY + "(?:=" + BARE_ITEM + ")?)*";
  private static final Pattern MEMBER = Pattern.compile(KEY + "(?:=" + BARE_ITEM + ")?" + PARAMS);

  /** @return the directives for this cache from a response's header section */
  public static TargetedCacheControl of(MultiMap responseHeaders) {
    for (String field : TARGET_LIST) {
      List<String> lines = responseHeaders.getAll(field);
      if (!lines.isEmpty() && valid(lines)) {
        return new TargetedCacheControl(CacheControl.parse(lines), true);
      }
    }
    return new TargetedCacheControl(CacheControl.parse(responseHeaders.getAll("Cache-Control")), false);
  }

  /** @return whether the lines, joined, are a non-empty valid Dictionary with Integer ages */
  static boolean valid(List<String> lines) {
    String joined = String.join(",", lines).trim();
    if (joined.isEmpty()) {
      return false;
    }
    for (String member : joined.split(",", -1)) {
      String m = member.trim();
      if (!MEMBER.matcher(m).matches()) {
        return false;
      }
      int eq = m.indexOf('=');
      int semi = m.indexOf(';');
      String name = eq < 0 ? (semi < 0 ? m : m.substring(0, semi)) : m.substring(0, eq);
      if (INTEGER_DIRECTIVES.contains(name)) {
        String value = eq < 0 ? "" : m.substring(eq + 1, semi > eq ? semi : m.length());
        if (!value.matches("[0-9]{1,15}")) {
          return false;
        }
      }
    }
    return true;
  }
}
