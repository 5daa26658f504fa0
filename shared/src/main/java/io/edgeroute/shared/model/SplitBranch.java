package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One branch of a weighted split (SPEC §3 {@code routes[].split[]}).
 *
 * @param weight relative share, ≥ 0; 0 keeps a branch configured but idle (blue-green 100/0)
 * @param origin where this branch sends requests
 * @param label  optional name; stickiness remembers it in the {@code edgeroute_split} cookie
 */
public record SplitBranch(int weight, Origin origin, String label) {

  public SplitBranch {
    if (weight < 0) {
      throw new IllegalArgumentException("split weight must not be negative: " + weight);
    }
    Objects.requireNonNull(origin, "split origin");
  }

  public static SplitBranch fromJson(JsonObject json) {
    JsonObject origin = JsonFields.object(json, "origin");
    if (origin == null) {
      throw new IllegalArgumentException("field \"origin\" of a split branch is missing");
    }
    return new SplitBranch(JsonFields.integer(json, "weight", 0), Origin.fromJson(origin),
        JsonFields.string(json, "label"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("weight", weight).put("origin", origin.toJson());
    if (label != null) {
      json.put("label", label);
    }
    return json;
  }
}
