package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant, stored under {@code edgeroute:tenant:<tenant>} (SPEC §2).
 *
 * @param name    the tenant name, see {@link Names#isTenant}
 * @param created RFC 3339 timestamp, kept as text so a platform's own format reads back unchanged
 */
public record Tenant(String name, String created) {

  public Tenant {
    Objects.requireNonNull(name, "tenant name");
  }

  /** @return a tenant created at {@code now}, written as {@link Instant#toString()} (RFC 3339, UTC) */
  public static Tenant create(String name, Instant now) {
    return new Tenant(name, now.toString());
  }

  public static Tenant fromJson(JsonObject json) {
    return new Tenant(JsonFields.string(json, "name"), JsonFields.string(json, "created"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name);
    return created == null ? json : json.put("created", created);
  }
}
