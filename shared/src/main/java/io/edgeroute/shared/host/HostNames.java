package io.edgeroute.shared.host;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host name rules of SPEC §3 and §7, one implementation for the admin API (site keys), the router
 * (request hosts) and origin validation, so a host that is stored can always be matched.
 *
 * <p>Decisions where the SPEC is silent:
 * <ul>
 *   <li>IDN conversion is {@link IDN#toASCII(String, int)} with {@link IDN#USE_STD3_ASCII_RULES} and
 *       without {@code ALLOW_UNASSIGNED}: unassigned code points could change meaning in a later
 *       Unicode version, and a stored key must stay stable. This is IDNA 2003 (JDK), so {@code ß}
 *       maps to {@code ss}.</li>
 *   <li>An ASCII label starting with {@code xn--} must be a valid A-label (decodes and encodes back
 *       to itself); anything else would be a name no IDNA-aware client can ask for.</li>
 *   <li>A host whose last label is numeric ({@code 127.1}, {@code 2130706433}, {@code 0x7f}) must be
 *       a canonical dotted-quad IPv4 address; resolvers read the other forms as IPs, which would let
 *       an origin like {@code http://127.1} slip past the private-origin check.</li>
 *   <li>A wildcard needs at least two labels after {@code *.}; {@code *.com} would capture every
 *       unmatched {@code .com} host for one tenant. Hence {@link #wildcardParent} of a two-label
 *       host is {@code null}.</li>
 * </ul>
 */
public final class HostNames {

  /** RFC 1035 limit on the textual length of a name without the trailing dot. */
  public static final int MAX_LENGTH = 253;
  public static final int MAX_LABEL_LENGTH = 63;

  private static final String WILDCARD_PREFIX = "*.";
  /** RFC 5890's ACE prefix: a label starting with it must be a valid A-label. */
  private static final String ACE_PREFIX = "xn--";
  private static final Pattern LDH = Pattern.compile("[a-z0-9-]+");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");

  private HostNames() {
  }

  /**
   * Normalises a site host as stored in {@code edgeroute:site:<host>}: IDN to A-label, lowercase,
   * one trailing dot and a {@code :port} removed, optional leading {@code *.}.
   *
   * @throws InvalidHostException naming what is wrong
   */
  public static String normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidHostException(raw, "must not be empty");
    }
    if (raw.startsWith("[")) {
      throw new InvalidHostException(raw, "a site host must be a name, not an IPv6 address");
    }
    return normalizeName(stripPort(raw, raw), true);
  }

  /**
   * Normalises the host of a request (the Host header or the authority of an absolute-form
   * target). No wildcard; IPv4 literals are names like any other; an IPv6 literal keeps its
   * brackets ({@code [::1]:8080} gives {@code [::1]}), which matches no site but is not a bad
   * request.
   *
   * @throws InvalidHostException if the value is empty or not a host (spaces, {@code @}, {@code /}...)
   */
  public static String fromHostHeader(String headerValue) {
    if (headerValue == null || headerValue.isEmpty()) {
      throw new InvalidHostException(headerValue, "must not be empty");
    }
    if (headerValue.startsWith("[")) {
      int close = headerValue.indexOf(']');
      if (close < 0) {
        throw new InvalidHostException(headerValue, "IPv6 address has no closing ']'");
      }
      String rest = headerValue.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new InvalidHostException(headerValue, "unexpected text after the IPv6 address");
        }
        port(rest.substring(1), headerValue);
      }
      return ipv6Literal(headerValue.substring(0, close + 1));
    }
    return normalizeName(stripPort(headerValue, headerValue), false);
  }

  /**
   * The wildcard site one level up that a request host falls back to (SPEC §3):
   * {@code a.b.c → *.b.c}.
   *
   * @return {@code null} when there is none: a host of fewer than three labels (no {@code *.c}
   *     wildcard can exist), an IP literal, or {@code null}
   */
  public static String wildcardParent(String host) {
    if (host == null || host.startsWith("[") || isIpv4Literal(host)) {
      return null;
    }
    int dot = host.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String parent = host.substring(dot + 1);
    return parent.indexOf('.') < 0 ? null : WILDCARD_PREFIX + parent;
  }

  /** @return whether {@code host} is a wildcard site host ({@code *.example.com}) */
  public static boolean isWildcard(String host) {
    return host != null && host.startsWith(WILDCARD_PREFIX);
  }

  /** @return whether {@code host} is a canonical dotted-quad IPv4 address such as {@code 10.0.0.5} */
  public static boolean isIpv4Literal(String host) {
    return host != null && IPV4.matcher(host).matches();
  }

  /**
   * Normalises the host part of an origin ({@code origin.url} or {@code connectTo}): a name as for
   * request hosts (no wildcard, no port) or a bracketed IPv6 literal.
   *
   * @throws InvalidHostException naming what is wrong
   */
  public static String normalizeOriginHost(String host) {
    if (host != null && host.startsWith("[")) {
      return ipv6Literal(host);
    }
    if (host != null && host.indexOf(':') >= 0) {
      throw new InvalidHostException(host, "IPv6 addresses must be in brackets, as in [::1]");
    }
    return normalizeName(host, false);
  }

  /**
   * Validates and lowercases a bracketed IPv6 literal, {@code [::1]}. Parsing a literal never
   * touches DNS: only hex digits, colons and dots get as far as {@link InetAddress}.
   *
   * @throws InvalidHostException if it is not a bracketed IPv6 address (zones are refused too)
   */
  public static String ipv6Literal(String bracketed) {
    String lower = bracketed.toLowerCase(Locale.ROOT);
    if (lower.length() < 3 || !lower.startsWith("[") || !lower.endsWith("]")) {
      throw new InvalidHostException(bracketed, "is not a bracketed IPv6 address");
    }
    String inner = lower.substring(1, lower.length() - 1);
    if (!IPV6_CHARS.matcher(inner).matches() || inner.indexOf(':') < 0) {
      throw new InvalidHostException(bracketed, "is not an IPv6 address");
    }
    try {
      InetAddress.getByName(lower);
    } catch (UnknownHostException e) {
      throw new InvalidHostException(bracketed, "is not an IPv6 address");
    }
    return lower;
  }

  /**
   * The shared core: a name without port, optionally with a leading {@code *.}, to its stored form.
   */
  static String normalizeName(String name, boolean wildcardAllowed) {
    if (name == null || name.isEmpty()) {
      throw new InvalidHostException(name, "must not be empty");
    }
    // IDNA treats the ideographic and full-width full stops as dots; do so before splitting.
    String host = name.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
    boolean wildcard = host.startsWith(WILDCARD_PREFIX);
    if (wildcard) {
      if (!wildcardAllowed) {
        throw new InvalidHostException(name, "a wildcard is not allowed here");
      }
      host = host.substring(WILDCARD_PREFIX.length());
    }
    if (host.indexOf('*') >= 0) {
      throw new InvalidHostException(name, "'*' is only allowed as the whole first label, as in *.example.com");
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new InvalidHostException(name, "has no labels");
    }
    String[] labels = host.split("\\.", -1);
    StringBuilder out = new StringBuilder(host.length() + 2);
    if (wildcard) {
      out.append(WILDCARD_PREFIX);
    }
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(label(labels[i], name));
    }
    String result = out.toString();
    if (wildcard && labels.length < 2) {
      throw new InvalidHostException(name, "a wildcard needs at least two labels after \"*.\", as in *.example.com");
    }
    if (result.length() > MAX_LENGTH) {
      throw new InvalidHostException(name, "is longer than " + MAX_LENGTH + " characters");
    }
    String last = result.substring(result.lastIndexOf('.') + 1);
    if (NUMERIC_LABEL.matcher(last).matches() && !isIpv4Literal(result)) {
      throw new InvalidHostException(name, "ends in a numeric label but is not a dotted-quad IPv4 address");
    }
    return result;
  }

  private static String label(String raw, String name) {
    if (raw.isEmpty()) {
      throw new InvalidHostException(name, "has an empty label");
    }
    String label;
    if (raw.chars().allMatch(c -> c < 0x80)) {
      label = raw.toLowerCase(Locale.ROOT);
    } else {
      try {
        label = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new InvalidHostException(name, "label \"" + raw + "\" is not a valid internationalised name");
      }
    }
    if (label.startsWith(ACE_PREFIX) && !isValidALabel(label)) {
      throw InvalidHostException.invalidIdna(name, "label \"" + raw + "\" is not valid IDNA (an xn-- label must decode to a name that encodes back to it)");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new InvalidHostException(name, "label \"" + raw + "\" is longer than " + MAX_LABEL_LENGTH + " characters");
    }
    if (!LDH.matcher(label).matches()) {
      throw new InvalidHostException(name, "label \"" + raw + "\" may contain only letters, digits and '-'");
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new InvalidHostException(name, "label \"" + raw + "\" must not start or end with '-'");
    }
    return label;
  }

  /**
   * An A-label is valid when it decodes (Punycode, {@link IDN#toUnicode}) to a name that encodes
   * back to exactly it: {@code toUnicode} hands back its input unchanged when it cannot decode, a
   * label decoding to plain ASCII ({@code xn--abc-}) encodes without the prefix, and one decoding
   * to code points IDNA forbids fails {@code toASCII}.
   */
  private static boolean isValidALabel(String label) {
    String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
    if (unicode.equalsIgnoreCase(label)) {
      return false;
    }
    try {
      return IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripPort(String value, String original) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      return value;
    }
    if (value.indexOf(':', colon + 1) >= 0) {
      throw new InvalidHostException(original, "IPv6 addresses must be in brackets, as in [::1]");
    }
    port(value.substring(colon + 1), original);
    return value.substring(0, colon);
  }

  private static void port(String digits, String original) {
    try {
      HostPort.parsePort(digits, original);
    } catch (IllegalArgumentException e) {
      throw new InvalidHostException(original, "has an invalid port \"" + digits + "\"");
    }
  }
}
