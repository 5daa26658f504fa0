package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Dispatch on the first path segment into a table (SPEC §3 {@code dispatch}, seed 001).
 *
 * @param table    the table whose entries are looked up, required
 * @param idHeader response header that carries the id ({@code X-Storefront-ID}), optional
 * @param noun     word for the 404 body {@code <noun> "<id>" not found.}; defaults to {@value #DEFAULT_NOUN}
 */
public record Dispatch(String table, String idHeader, String noun) {

  public static final String DEFAULT_NOUN = "Entry";

  public Dispatch {
    Objects.requireNonNull(table, "dispatch table");
    noun = noun == null ? DEFAULT_NOUN : noun;
  }

  public static Dispatch fromJson(JsonObject json) {
    return new Dispatch(JsonFields.string(json, "table"), JsonFields.string(json, "idHeader"),
        JsonFields.string(json, "noun"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("table", table);
    if (idHeader != null) {
      json.put("idHeader", idHeader);
    }
    return json.put("noun", noun);
  }

  /** @return the 404 body for an unknown id, e.g. {@code Storefront "x" not found.} */
  public String notFoundMessage(String id) {
    return noun + " \"" + id + "\" not found.";
  }
}
