package io.edgeroute.admin;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** RFC 7396 JSON merge patch. */
final class MergePatch {

  private MergePatch() {
  }

  /** @return {@code target} with {@code patch} applied; neither argument is changed */
  static Object apply(Object target, Object patch) {
    if (!(patch instanceof JsonObject patchObject)) {
      return patch;
    }
    JsonObject result = target instanceof JsonObject t ? t.copy() : new JsonObject();
    for (Map.Entry<String, Object> member : patchObject) {
      if (member.getValue() == null) {
        result.remove(member.getKey());
      } else {
        result.put(member.getKey(), apply(result.getValue(member.getKey()), member.getValue()));
      }
    }
    return result;
  }
}
