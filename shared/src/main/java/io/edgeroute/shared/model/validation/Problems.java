package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.edgeroute.shared.model.validation.ValidationProblem.child;

/**
 * Collects every problem of one document, with typed reads that report a wrong type or a missing
 * required field and return {@code null} so checking can go on. An explicit JSON {@code null} is
 * treated as absent, as RFC 7396 merge patches use it to remove a field.
 */
final class Problems {

  private final List<ValidationProblem> list = new ArrayList<>();

  void add(String pointer, String detail) {
    list.add(new ValidationProblem(pointer, detail));
  }

  int count() {
    return list.size();
  }

  List<ValidationProblem> toList() {
    return List.copyOf(list);
  }

  /** Reports every key of {@code object} not in {@code known}: a typo must not be silently dropped. */
  void unknownFields(JsonObject object, String pointer, Set<String> known) {
    for (String key : object.fieldNames()) {
      if (!known.contains(key)) {
        add(child(pointer, key), "unknown field \"" + key + "\"");
      }
    }
  }

  String string(JsonObject parent, String key, String pointer, boolean required) {
    return typed(parent, key, pointer, required, String.class, "a string");
  }

  Boolean bool(JsonObject parent, String key, String pointer) {
    return typed(parent, key, pointer, false, Boolean.class, "true or false");
  }

  JsonObject object(JsonObject parent, String key, String pointer, boolean required) {
    return typed(parent, key, pointer, required, JsonObject.class, "an object");
  }

  JsonArray array(JsonObject parent, String key, String pointer) {
    return typed(parent, key, pointer, false, JsonArray.class, "an array");
  }

  /** @return the whole number in [{@code min}, {@code max}], or {@code null} after reporting why not */
  Long wholeNumber(JsonObject parent, String key, String pointer, boolean required, long min, long max) {
    Number n = typed(parent, key, pointer, required, Number.class, "a number");
    if (n == null) {
      return null;
    }
    double d = n.doubleValue();
    if (d != Math.rint(d)) {
      add(child(pointer, key), "must be a whole number");
      return null;
    }
    if (d < min || d > max) {
      add(child(pointer, key), "must be between " + min + " and " + max);
      return null;
    }
    return n.longValue();
  }

  private <T> T typed(JsonObject parent, String key, String pointer, boolean required, Class<T> type, String what) {
    Object value = parent.getValue(key);
    if (value == null) {
      if (required) {
        add(child(pointer, key), "is required");
      }
      return null;
    }
    if (!type.isInstance(value)) {
      add(child(pointer, key), "must be " + what);
      return null;
    }
    return type.cast(value);
  }
}
