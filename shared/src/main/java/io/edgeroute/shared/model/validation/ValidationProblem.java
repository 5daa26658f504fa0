package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * One thing wrong with a client document, as listed in a 422 problem's {@code errors} (SPEC §7).
 *
 * @param pointer RFC 6901 JSON pointer to the offending value, e.g. {@code /routes/1/split/0/weight};
 *                {@code ""} is the whole document
 * @param detail  what is wrong, in words a tenant can act on
 */
public record ValidationProblem(String pointer, String detail) {

  public ValidationProblem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(detail, "detail");
  }

  public JsonObject toJson() {
    return new JsonObject().put("pointer", pointer).put("detail", detail);
  }

  /** @return the {@code errors} array of a 422 problem document */
  public static JsonArray toJson(List<ValidationProblem> problems) {
    JsonArray array = new JsonArray();
    problems.forEach(p -> array.add(p.toJson()));
    return array;
  }

  /** @return {@code pointer} extended by one object key or array index, escaped per RFC 6901 */
  public static String child(String pointer, Object keyOrIndex) {
    return pointer + "/" + keyOrIndex.toString().replace("~", "~0").replace("/", "~1");
  }
}
