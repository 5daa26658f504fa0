package io.edgeroute.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One page of a list: {@code {"items": [...], "next": cursor|null}}; pass {@code next} as
 * {@code ?cursor=} for the following page; {@code null} means this was the last one.
 */
record Page(List<JsonObject> items, String next) {

  JsonObject toJson() {
    return new JsonObject().put("items", new JsonArray(List.copyOf(items))).put("next", next);
  }
}
