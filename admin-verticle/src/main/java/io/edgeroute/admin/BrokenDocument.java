package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * A document in the KV that cannot be read as what its key says (SPEC §7: it is listed and shown
 * with its problems, never a 500, and a PUT replaces it). Shown as
 * {@code {"<name field>": "...", "tenant": "..."?, "version": n, "problems": [{"pointer", "detail"}]}}.
 *
 * @param tenant   the document's {@code tenant} when that much can be read, else {@code null}
 *                 (then only the operator sees or replaces it)
 * @param version  the stored version, for {@code ETag} and {@code If-Match}
 * @param problems what is wrong, each at its JSON pointer ({@code ""} for the whole document)
 */
record BrokenDocument(String tenant, long version, List<ValidationProblem> problems) {

  /**
   * A stored document read: exactly one of the two is set.
   *
   * @param document the readable document
   * @param broken   what is wrong with an unreadable one
   */
  record Stored<T>(T document, BrokenDocument broken) {
  }

  /**
   * Reads {@code entry} with {@code reader}: the document, or a {@link BrokenDocument}.
   *
   * @param check  the problems of a parsed JSON object (validation); empty when it is fine
   * @param reader turns a checked JSON object into the model; may throw on what {@code check} missed
   * @return the document or what breaks it; {@code null} when {@code entry} is {@code null}
   */
  static <T> Stored<T> read(KvEntry entry, Function<JsonObject, List<ValidationProblem>> check, Function<JsonObject, T> reader) {
    if (entry == null) {
      return null;
    }
    JsonObject json;
    try {
      json = new JsonObject(entry.value());
    } catch (RuntimeException e) {
      return broken(null, entry, "is not a JSON object: " + e.getMessage());
    }
    String tenant = json.getValue("tenant") instanceof String t ? t : null;
    List<ValidationProblem> problems;
    try {
      problems = check.apply(json);
    } catch (RuntimeException e) {
      return broken(tenant, entry, "cannot be checked: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      return new Stored<>(null, new BrokenDocument(tenant, entry.version(), problems));
    }
    try {
      return new Stored<>(reader.apply(json), null);
    } catch (RuntimeException e) {
      return broken(tenant, entry, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The problems a stored document has by the rules a client's document must meet, less unknown
   * fields: a field a later version writes (or a platform adds) does not make a document broken.
   */
  static List<ValidationProblem> withoutUnknownFields(List<ValidationProblem> problems) {
    return problems.stream().filter(p -> !p.detail().startsWith("unknown field")).toList();
  }

  private static <T> Stored<T> broken(String tenant, KvEntry entry, String detail) {
    return new Stored<>(null, new BrokenDocument(tenant, entry.version(), List.of(new ValidationProblem("", detail))));
  }

  /** @return whether {@code caller} may see it: the operator always, a tenant when the document names it */
  boolean seenBy(Caller caller) {
    return caller.isOperator() || caller.tenant().equals(tenant);
  }

  JsonObject toJson(String nameField, String name) {
    JsonObject json = new JsonObject().put(nameField, name);
    if (tenant != null) {
      json.put("tenant", tenant);
    }
    return json.put("version", version).put("problems", ValidationProblem.toJson(problems));
  }

  /** 409 for a write that needs to read the old document (PATCH, purge-all): only a PUT replaces it. */
  ApiFailure unreadable(String what) {
    return ApiFailure.conflict(what + " is stored broken (" + problems.size() + " problem(s)); GET shows them, a PUT replaces it");
  }
}
