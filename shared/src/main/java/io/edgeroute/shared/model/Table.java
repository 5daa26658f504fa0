package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A dispatch table's header, stored under {@code edgeroute:table:<table>} (SPEC §2).
 *
 * @param tenant  owning tenant; a site may dispatch only into its own tenant's tables
 * @param version incremented on every write
 */
public record Table(String tenant, long version) {

  public Table {
    Objects.requireNonNull(tenant, "table tenant");
  }

  public static Table fromJson(JsonObject json) {
    return new Table(JsonFields.string(json, "tenant"), JsonFields.number(json, "version", 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("tenant", tenant).put("version", version);
  }
}
