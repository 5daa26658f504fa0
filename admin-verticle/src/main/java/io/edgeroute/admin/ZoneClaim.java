package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document at {@code zone:<parent>}: who claims {@code *.<parent>} and which tenants claim hosts
 * one level under {@code <parent>}, each with the time (epoch millis) of its latest claim.
 *
 * <pre>{"wildcard": {"tenant": "a", "at": 1764745200000}, "tenants": {"b": 1764745100000}, "version": 3}</pre>
 *
 * @param wildcardTenant the tenant claiming {@code *.<parent>}, or {@code null}
 * @param wildcardAt     when it claimed it
 * @param tenants        tenant → time of its latest claim of a host under {@code <parent>}
 * @param version        the stored version (0 when absent)
 */
record ZoneClaim(String wildcardTenant, long wildcardAt, Map<String, Long> tenants, long version) {

  static final ZoneClaim EMPTY = new ZoneClaim(null, 0, Map.of(), 0);

  /**
   * An unreadable zone document is read as empty: the claims it held are lost, which only weakens
   * the race protection of writes in flight at that moment; the sites themselves are still checked.
   */
  static ZoneClaim parse(KvEntry entry) {
    if (entry == null) {
      return EMPTY;
    }
    try {
      JsonObject json = new JsonObject(entry.value());
      JsonObject wildcard = json.getJsonObject("wildcard");
      Map<String, Long> tenants = new TreeMap<>();
      JsonObject claimed = json.getJsonObject("tenants", new JsonObject());
      for (String tenant : claimed.fieldNames()) {
        tenants.put(tenant, claimed.getLong(tenant));
      }
      return new ZoneClaim(wildcard == null ? null : wildcard.getString("tenant"),
          wildcard == null ? 0 : wildcard.getLong("at", 0L), Map.copyOf(tenants), entry.version());
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return new ZoneClaim(null, 0, Map.of(), entry.version());
    }
  }

  ZoneClaim withWildcard(String tenant, long at) {
    return new ZoneClaim(tenant, at, tenants, version);
  }

  ZoneClaim withTenant(String tenant, long at) {
    Map<String, Long> next = new TreeMap<>(tenants);
    next.put(tenant, at);
    return new ZoneClaim(wildcardTenant, wildcardAt, Map.copyOf(next), version);
  }

  ZoneClaim withoutTenant(String tenant) {
    Map<String, Long> next = new TreeMap<>(tenants);
    next.remove(tenant);
    return new ZoneClaim(wildcardTenant, wildcardAt, Map.copyOf(next), version);
  }

  /** @return the document to store as the next version */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (wildcardTenant != null) {
      json.put("wildcard", new JsonObject().put("tenant", wildcardTenant).put("at", wildcardAt));
    }
    JsonObject claimed = new JsonObject();
    new TreeMap<>(tenants).forEach(claimed::put);
    return json.put("tenants", claimed).put("version", version + 1);
  }
}
