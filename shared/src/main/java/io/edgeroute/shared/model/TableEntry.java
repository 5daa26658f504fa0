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
 * @param tenantOrigins   a tenant token set the origin ({@code "tenantOrigins": true}); see {@link Site#tenantOrigins()}
 */
public record TableEntry(Origin origin, Map<String, String> responseHeaders, long version, boolean tenantOrigins) {

  /** An entry whose origin the operator set. */
  public TableEntry(Origin origin, Map<String, String> responseHeaders, long version) {
    this(origin, responseHeaders, version, false);
  }

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
        JsonFields.number(json, "version", 0), Boolean.TRUE.equals(json.getValue("tenantOrigins")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("origin", origin.toJson());
    if (!responseHeaders.isEmpty()) {
      json.put("responseHeaders", JsonFields.toJsonObject(responseHeaders));
    }
    if (tenantOrigins) {
      json.put("tenantOrigins", true);
    }
    return json.put("version", version);
  }

  public TableEntry withVersion(long newVersion) {
    return new TableEntry(origin, responseHeaders, newVersion, tenantOrigins);
  }

  /** @return this entry with {@code tenantOrigins} set as given */
  public TableEntry withTenantOrigins(boolean tenantSet) {
    return new TableEntry(origin, responseHeaders, version, tenantSet);
  }
}
