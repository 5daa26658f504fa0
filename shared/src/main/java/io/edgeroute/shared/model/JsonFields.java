package io.edgeroute.shared.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed, tolerant reads for the {@code fromJson} factories. Documents read back from the KV store
 * may have been written directly by a platform (SPEC §2), so a wrong type is reported as an
 * {@link IllegalArgumentException} naming the field rather than a bare {@link ClassCastException}.
 * Unknown fields are ignored here on purpose; strict checking of client input is the job of
 * {@code SiteValidator} and {@code EntryValidator}.
 */
final class JsonFields {

  private JsonFields() {
  }

  static String string(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(key, "a string");
  }

  static long number(JsonObject json, String key, long defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw wrongType(key, "a number");
  }

  static int integer(JsonObject json, String key, int defaultValue) {
    long v = number(json, key, defaultValue);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("field \"" + key + "\" is out of range: " + v);
    }
    return (int) v;
  }

  static boolean bool(JsonObject json, String key, boolean defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(key, "a boolean");
  }

  static JsonObject object(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null || v instanceof JsonObject) {
      return (JsonObject) v;
    }
    throw wrongType(key, "an object");
  }

  /** Reads an array of objects through {@code reader}; absent gives an empty list. */
  static <T> List<T> objects(JsonObject json, String key, Function<JsonObject, T> reader) {
    JsonArray array = array(json, key);
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject o)) {
        throw wrongType(key + "[" + i + "]", "an object");
      }
      out.add(reader.apply(o));
    }
    return out;
  }

  static List<String> strings(JsonObject json, String key) {
    JsonArray array = array(json, key);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String s)) {
        throw wrongType(key + "[" + i + "]", "a string");
      }
      out.add(s);
    }
    return out;
  }

  static Map<String, String> stringMap(JsonObject json, String key) {
    JsonObject object = object(json, key);
    Map<String, String> out = new LinkedHashMap<>();
    if (object != null) {
      for (Map.Entry<String, Object> e : object) {
        if (!(e.getValue() instanceof String s)) {
          throw wrongType(key + "." + e.getKey(), "a string");
        }
        out.put(e.getKey(), s);
      }
    }
    return out;
  }

  /** An insertion-ordered, unmodifiable copy; {@link Map#copyOf} would lose the order. */
  static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  static JsonObject toJsonObject(Map<String, ?> map) {
    return new JsonObject(new LinkedHashMap<>(map));
  }

  private static JsonArray array(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw wrongType(key, "an array");
  }

  private static IllegalArgumentException wrongType(String key, String expected) {
    return new IllegalArgumentException("field \"" + key + "\" must be " + expected);
  }
}
