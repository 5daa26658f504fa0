package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.edgeroute.shared.model.validation.ValidationProblem.child;

/** Rules for header names and the {@code responseHeaders} maps of sites and entries. */
final class HeaderChecks {

  /** RFC 9110 §5.1: a field name is a token. */
  static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /**
   * Headers that frame or route the message itself; a configured value would corrupt the response
   * or the connection, so they are refused rather than passed on.
   */
  private static final Set<String> MANAGED = Set.of("connection", "keep-alive", "proxy-connection",
      "transfer-encoding", "te", "trailer", "upgrade", "content-length");

  private static final int MAX_VALUE_LENGTH = 8192;

  private HeaderChecks() {
  }

  static boolean isName(String name) {
    return TOKEN.matcher(name).matches();
  }

  /** @return what is wrong with {@code name} as a header the router sets, or {@code null} */
  static String nameProblem(String name) {
    if (!isName(name)) {
      return "\"" + name + "\" is not a valid header name";
    }
    if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
      return name + " is managed by the router and cannot be set";
    }
    return null;
  }

  static void checkMap(Problems problems, JsonObject parent, String key, String pointer) {
    JsonObject headers = problems.object(parent, key, pointer, false);
    if (headers == null) {
      return;
    }
    String at = child(pointer, key);
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, Object> e : headers) {
      String name = e.getKey();
      String here = child(at, name);
      String nameProblem = nameProblem(name);
      if (nameProblem != null) {
        problems.add(here, nameProblem);
      } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        // Header names are case-insensitive: X-A and x-a would both be sent, or one lost.
        problems.add(here, "repeats a header name given before (names are case-insensitive)");
      }
      if (!(e.getValue() instanceof String value)) {
        problems.add(here, "must be a string");
      } else if (value.length() > MAX_VALUE_LENGTH) {
        problems.add(here, "is longer than " + MAX_VALUE_LENGTH + " characters");
      } else if (value.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 0x7f)) {
        problems.add(here, "must not contain CR, LF or other control characters");
      }
    }
  }
}
