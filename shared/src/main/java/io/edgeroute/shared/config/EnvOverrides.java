package io.edgeroute.shared.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Environment variables {@code EDGEROUTE_<PATH>} override configuration keys:
 * {@code EDGEROUTE_ROUTER_PORT} sets {@code router.port}, {@code EDGEROUTE_KV_CACHE_TTL} sets
 * {@code kv.cache.ttl}. A camelCase key may be written {@code NEGATIVETTL} or {@code NEGATIVE_TTL}.
 * Values are typed after the key's default: numbers, booleans, lists (a JSON array or
 * comma-separated), else strings; a value that does not fit its type is passed on as a string so
 * validation reports it under the key's name. {@code EDGEROUTE_OPERATOR_TOKEN} adds one token to
 * {@code admin.operatorTokens}. Free maps (response headers) cannot be set this way.
 */
public final class EnvOverrides {

  /** Adds one operator token (SPEC §7) rather than replacing the list. */
  public static final String OPERATOR_TOKEN = "EDGEROUTE_OPERATOR_TOKEN";

  private static final String PREFIX = "EDGEROUTE_";
  private static final Map<String, Object> DEFAULT_LEAVES = JsonPaths.leaves(EdgerouteOptions.defaults().toJson());
  private static final Map<String, String> PATH_BY_NAME = names();

  private EnvOverrides() {
  }

  /**
   * @param fileConfig the configuration read from the file (not modified)
   * @param env the environment, e.g. {@code System.getenv()}
   * @return a copy of {@code fileConfig} with the overrides applied
   */
  public static JsonObject apply(JsonObject fileConfig, Map<String, String> env) {
    JsonObject out = fileConfig.copy();
    env.forEach((name, value) -> {
      String path = PATH_BY_NAME.get(name);
      if (path != null) {
        JsonPaths.put(out, path, typed(DEFAULT_LEAVES.get(path), value));
      }
    });
    String token = env.get(OPERATOR_TOKEN);
    if (token != null && !token.isBlank()) {
      Object tokens = JsonPaths.get(out, "admin.operatorTokens");
      JsonArray list = tokens instanceof JsonArray ? ((JsonArray) tokens).copy() : new JsonArray();
      JsonPaths.put(out, "admin.operatorTokens", list.add(token.trim()));
    }
    return out;
  }

  /** @return the {@code EDGEROUTE_*} variables that match no key, worth a warning (a typo?) */
  public static List<String> unknown(Map<String, String> env) {
    return env.keySet().stream()
        .filter(n -> n.startsWith(PREFIX) && !PATH_BY_NAME.containsKey(n) && !n.equals(OPERATOR_TOKEN))
        .sorted().toList();
  }

  private static Object typed(Object def, String value) {
    String v = value.trim();
    if (def instanceof Number) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (def instanceof Boolean) {
      return v.equalsIgnoreCase("true") ? Boolean.TRUE : v.equalsIgnoreCase("false") ? Boolean.FALSE : v;
    }
    if (def instanceof JsonArray) {
      if (v.startsWith("[")) {
        try {
          return new JsonArray(v);
        } catch (DecodeException e) {
          return v;
        }
      }
      return new JsonArray(new ArrayList<>(Arrays.stream(v.split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).toList()));
    }
    return value;
  }

  private static Map<String, String> names() {
    Map<String, String> out = new HashMap<>();
    for (String path : DEFAULT_LEAVES.keySet()) {
      List<String> names = List.of(PREFIX.substring(0, PREFIX.length() - 1));
      for (String step : path.split("\\.")) {
        List<String> next = new ArrayList<>();
        for (String n : names) {
          next.add(n + "_" + step.toUpperCase(Locale.ROOT));
          next.add(n + "_" + step.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        names = next;
      }
      names.forEach(n -> out.put(n, path));
    }
    return Map.copyOf(out);
  }
}
