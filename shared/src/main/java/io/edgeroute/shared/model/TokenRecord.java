package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored for a tenant token under {@code edgeroute:token:<sha256-hex>} (SPEC §2). The
 * secret itself is never stored; the key is its hash.
 *
 * @param tenant  the tenant the token acts for
 * @param id      public id, used to revoke it ({@code DELETE /v1/tenants/{tenant}/tokens/{id}})
 * @param created RFC 3339 timestamp
 */
public record TokenRecord(String tenant, String id, String created) {

  public TokenRecord {
    Objects.requireNonNull(tenant, "token tenant");
    Objects.requireNonNull(id, "token id");
  }

  public static TokenRecord create(String tenant, String id, Instant now) {
    return new TokenRecord(tenant, id, now.toString());
  }

  public static TokenRecord fromJson(JsonObject json) {
    return new TokenRecord(JsonFields.string(json, "tenant"), JsonFields.string(json, "id"),
        JsonFields.string(json, "created"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("tenant", tenant).put("id", id);
    return created == null ? json : json.put("created", created);
  }
}
