package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;

/**
 * An entry of a dispatch table, stored under {@code edgeroute:entry:<table>:<id>} (SPEC §2).
 *
 * @param origin          where requests for this id go, required
 * @param responseHeaders added to responses for this id, in insertion order
 * @param version         incremented on every write; set by the server
 */
public record TableEntry(Origin origin, Map<String, String> responseHeaders, long version) {

  public TableEntry {
    Objects.requireNonNull(origin, "entry origin");
    responseHeaders = JsonFields.orderedCopy(responseHeaders);
  }

  /** @throws IllegalArgumentException on a missing origin or a field of the wrong type */
  public static TableEntry fromJson(JsonObject json) {
    JsonObject origin = JsonFields.object(json, "origin");
    if (origin == null) {
      throw new IllegalArgumentException("field \"origin\" of an entry is missing");
    }
    return new TableEntry(Origin.fromJson(origin), JsonFields.stringMap(json, "responseHeaders"),
        JsonFields.number(json, "version", 0));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("origin", origin.toJson());
    if (!responseHeaders.isEmpty()) {
      json.put("responseHeaders", JsonFields.toJsonObject(responseHeaders));
    }
    return json.put("version", version);
  }

  public TableEntry withVersion(long newVersion) {
    return new TableEntry(origin, responseHeaders, newVersion);
  }
}
