package io.edgeroute.admin;

import io.edgeroute.shared.model.PurgeSpec;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a purge request {@code {"paths"?, "prefixes"?, "tags"?, "all"?}}, reporting every problem at its pointer. */
final class PurgeRequests {

  private static final Set<String> FIELDS = Set.of("paths", "prefixes", "tags", "all");

  private PurgeRequests() {
  }

  /** @throws ApiFailure 422 listing every problem, or when the request purges nothing */
  static PurgeSpec parse(JsonObject body) {
    List<ValidationProblem> problems = new ArrayList<>();
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        problems.add(new ValidationProblem(ValidationProblem.child("", field), "unknown field"));
      }
    }
    List<String> paths = strings(body, "paths", true, problems);
    List<String> prefixes = strings(body, "prefixes", true, problems);
    List<String> tags = strings(body, "tags", false, problems);
    Object all = body.getValue("all");
    if (all != null && !(all instanceof Boolean)) {
      problems.add(new ValidationProblem("/all", "must be true or false"));
    }
    PurgeSpec spec = new PurgeSpec(paths, prefixes, tags, Boolean.TRUE.equals(all));
    if (problems.isEmpty() && spec.isEmpty()) {
      problems.add(new ValidationProblem("", "name paths, prefixes or tags to purge, or set \"all\": true"));
    }
    if (!problems.isEmpty()) {
      throw ApiFailure.invalid(problems);
    }
    return spec;
  }

  private static List<String> strings(JsonObject body, String field, boolean paths, List<ValidationProblem> problems) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    String at = "/" + field;
    if (!(value instanceof JsonArray array)) {
      problems.add(new ValidationProblem(at, "must be an array of strings"));
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String s) || s.isEmpty() || (paths && !s.startsWith("/"))) {
        problems.add(new ValidationProblem(ValidationProblem.child(at, i),
            paths ? "must be a path starting with /" : "must be a non-empty string"));
      } else {
        result.add(s);
      }
    }
    return result;
  }
}
