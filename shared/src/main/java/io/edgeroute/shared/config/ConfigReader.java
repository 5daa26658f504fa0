package io.edgeroute.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one block of the configuration and <em>collects</em> every problem instead of stopping at
 * the first. A missing key yields the default; a key nobody asked for is reported by
 * {@link #finish()}, so a typo cannot pass silently. Options classes use it in their JsonObject
 * constructors; problems carry the full dotted key path.
 */
final class ConfigReader {

  private final String path;
  private final JsonObject json;
  private final List<ConfigProblem> problems;
  private final Set<String> read = new HashSet<>();

  private ConfigReader(String path, JsonObject json, List<ConfigProblem> problems) {
    this.path = path;
    this.json = json == null ? new JsonObject() : json;
    this.problems = problems;
  }

  /** A reader for the block at {@code path} with a fresh problem list. */
  static ConfigReader of(String path, JsonObject json) {
    return new ConfigReader(path, json, new ArrayList<>());
  }

  /** A reader for the sub-block {@code key}, sharing this reader's problem list. */
  ConfigReader child(String key) {
    read.add(key);
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      problem(key, shown(v) + " is not an object");
      v = null;
    }
    return new ConfigReader(key(key), (JsonObject) v, problems);
  }

  String string(String key, String def) {
    return value(key, def, false, v -> {
      if (!(v instanceof String) || ((String) v).isBlank()) {
        throw new IllegalArgumentException(shown(v) + " is not a non-empty string");
      }
      return (String) v;
    });
  }

  /** Like {@link #string} but {@code null} is a legal value. */
  String optString(String key, String def) {
    return value(key, def, true, v -> {
      if (!(v instanceof String)) {
        throw new IllegalArgumentException(shown(v) + " is not a string");
      }
      return (String) v;
    });
  }

  int integer(String key, int def, int min, int max) {
    return value(key, def, false, v -> (int) whole(v, min, max));
  }

  long longValue(String key, long def, long min, long max) {
    return value(key, def, false, v -> whole(v, min, max));
  }

  boolean bool(String key, boolean def) {
    return value(key, def, false, v -> {
      if (!(v instanceof Boolean)) {
        throw new IllegalArgumentException(shown(v) + " is not true or false");
      }
      return (Boolean) v;
    });
  }

  Duration duration(String key, Duration def) {
    return value(key, def, false, v -> {
      if (v instanceof Number) {
        throw new IllegalArgumentException(v + " is not a duration; write it like \"" + v + "s\"");
      }
      return Durations.parse(String.valueOf(v));
    });
  }

  long size(String key, long def) {
    return value(key, def, false, v -> {
      if (v instanceof Number) {
        throw new IllegalArgumentException(v + " is not a size; write it like \"" + v + "B\" or \"8MiB\"");
      }
      return Sizes.parse(String.valueOf(v));
    });
  }

  /** A list of strings, each checked by {@code check} (which throws with a message). */
  List<String> strings(String key, List<String> def, Function<String, ?> check) {
    return value(key, def, false, v -> {
      if (!(v instanceof JsonArray)) {
        throw new IllegalArgumentException(shown(v) + " is not a list");
      }
      List<String> out = new ArrayList<>();
      JsonArray a = (JsonArray) v;
      for (int i = 0; i < a.size(); i++) {
        Object item = a.getValue(i);
        try {
          if (!(item instanceof String)) {
            throw new IllegalArgumentException(shown(item) + " is not a string");
          }
          check.apply((String) item);
          out.add((String) item);
        } catch (IllegalArgumentException e) {
          problem(key + "[" + i + "]", e.getMessage());
        }
      }
      return List.copyOf(out);
    });
  }

  /** A free map of string values (e.g. response headers): its keys are not checked. */
  Map<String, String> stringMap(String key) {
    return value(key, Map.of(), false, v -> {
      if (!(v instanceof JsonObject)) {
        throw new IllegalArgumentException(shown(v) + " is not an object");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : (JsonObject) v) {
        if (e.getValue() instanceof String) {
          out.put(e.getKey(), (String) e.getValue());
        } else {
          problem(key + "." + e.getKey(), shown(e.getValue()) + " is not a string");
        }
      }
      return Map.copyOf(out);
    });
  }

  /** Checks an already read value; on failure records the problem and returns {@code fallback}. */
  <T> T check(String key, T value, T fallback, Function<T, ?> check) {
    try {
      check.apply(value);
      return value;
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return fallback;
    }
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(key(key), message));
  }

  /** Reports every key of this block that no one read. */
  void finish() {
    for (String k : json.fieldNames()) {
      if (!read.contains(k)) {
        problems.add(new ConfigProblem(key(k), "unknown key"));
      }
    }
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  /** Throws one {@link InvalidConfigException} listing every problem, if there is any. */
  void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  private <T> T value(String key, T def, boolean nullable, Function<Object, T> convert) {
    read.add(key);
    if (!json.containsKey(key)) {
      return def;
    }
    Object v = json.getValue(key);
    if (v == null) {
      if (nullable) {
        return null;
      }
      problem(key, "must not be null");
      return def;
    }
    try {
      return convert.apply(v);
    } catch (IllegalArgumentException | ArithmeticException e) {
      problem(key, e.getMessage());
      return def;
    }
  }

  private static long whole(Object v, long min, long max) {
    if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
      throw new IllegalArgumentException(shown(v) + " is not a whole number");
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
    }
    return n;
  }

  private String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String shown(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}
