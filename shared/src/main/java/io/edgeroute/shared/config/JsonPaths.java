package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Dotted key paths ({@code kv.cache.ttl}) over nested JSON objects. */
final class JsonPaths {

  private JsonPaths() {
  }

  /** @return every leaf (non-object value, arrays included) by dotted path; empty objects have no leaves */
  static Map<String, Object> leaves(JsonObject json) {
    Map<String, Object> out = new LinkedHashMap<>();
    collect("", json, out);
    return out;
  }

  /** @return the paths whose leaf values differ between {@code a} and {@code b}, in document order */
  static List<String> changedKeys(JsonObject a, JsonObject b) {
    Map<String, Object> la = leaves(a);
    Map<String, Object> lb = leaves(b);
    Set<String> all = new LinkedHashSet<>(la.keySet());
    all.addAll(lb.keySet());
    List<String> changed = new ArrayList<>();
    for (String path : all) {
      if (la.containsKey(path) != lb.containsKey(path) || !Objects.equals(la.get(path), lb.get(path))) {
        changed.add(path);
      }
    }
    return changed;
  }

  /** @return the value at {@code path}, or {@code null} when any step is missing */
  static Object get(JsonObject json, String path) {
    Object cur = json;
    for (String step : path.split("\\.")) {
      if (!(cur instanceof JsonObject)) {
        return null;
      }
      cur = ((JsonObject) cur).getValue(step);
    }
    return cur;
  }

  /** Sets {@code path} in {@code json} (mutating it), creating or replacing intermediate objects. */
  static void put(JsonObject json, String path, Object value) {
    String[] steps = path.split("\\.");
    JsonObject cur = json;
    for (int i = 0; i < steps.length - 1; i++) {
      Object next = cur.getValue(steps[i]);
      if (!(next instanceof JsonObject)) {
        next = new JsonObject();
        cur.put(steps[i], next);
      }
      cur = (JsonObject) next;
    }
    cur.put(steps[steps.length - 1], value);
  }

  private static void collect(String prefix, JsonObject json, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : json) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map) {
        v = new JsonObject(castMap(v));
      }
      if (v instanceof JsonObject) {
        collect(path, (JsonObject) v, out);
      } else {
        out.put(path, v);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object v) {
    return (Map<String, Object>) v;
  }
}
