package io.edgeroute.shared.kv;

import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A message on the change channel (SPEC §2): {@code {"kind", "key", "version"}}, where {@code key} is
 * the host for {@link Kind#SITE} and {@link Kind#PURGE} and {@code <table>:<id>} for
 * {@link Kind#ENTRY}. A purge also carries what it purges, as the fields of {@link PurgeSpec}.
 */
public record KvChange(Kind kind, String key, long version, PurgeSpec purge) {

  public enum Kind {
    SITE("site"), ENTRY("entry"), PURGE("purge");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind fromWire(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown change kind: " + wire);
    }
  }

  public KvChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    if (kind == Kind.PURGE) {
      Objects.requireNonNull(purge, "purge");
    }
  }

  public static KvChange site(String host, long version) {
    return new KvChange(Kind.SITE, host, version, null);
  }

  public static KvChange entry(String table, String id, long version) {
    return new KvChange(Kind.ENTRY, table + ":" + id, version, null);
  }

  public static KvChange purge(String host, long version, PurgeSpec purge) {
    return new KvChange(Kind.PURGE, host, version, purge);
  }

  /** @throws IllegalArgumentException when the message is not a change */
  public static KvChange fromJson(JsonObject json) {
    String kind = json.getString("kind");
    String key = json.getString("key");
    if (kind == null || key == null) {
      throw new IllegalArgumentException("change message needs kind and key: " + json.encode());
    }
    Kind k = Kind.fromWire(kind);
    long version = json.getLong("version", 0L);
    return new KvChange(k, key, version, k == Kind.PURGE ? PurgeSpec.fromJson(json) : null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind.wire).put("key", key).put("version", version);
    if (purge != null) {
      json.mergeIn(purge.toJson());
    }
    return json;
  }
}
