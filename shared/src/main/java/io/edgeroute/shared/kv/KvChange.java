package io.edgeroute.shared.kv;

import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.UUID;

/**
 * A message on the change channel (SPEC §2): {@code {"kind", "key", "version"}}, where {@code key} is
 * the host for {@link Kind#SITE}, {@link Kind#PURGE} and {@link Kind#CERT} and {@code <table>:<id>} for
 * {@link Kind#ENTRY}. A purge also carries what it purges, as the fields of {@link PurgeSpec}, and
 * an {@code id} of its own: two purges of one site share its version, so the id is what lets a node
 * that hears a purge twice (from Redis and from a peer) apply it once. A purge without an id, from a
 * writer other than the admin API, is applied every time it is heard.
 *
 * @param id the purge's unique id, or {@code null} (always {@code null} for sites and entries)
 */
public record KvChange(Kind kind, String key, long version, PurgeSpec purge, String id) {

  public enum Kind {
    SITE("site"), ENTRY("entry"), PURGE("purge"), CERT("cert");

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
    return new KvChange(Kind.SITE, host, version, null, null);
  }

  public static KvChange entry(String table, String id, long version) {
    return new KvChange(Kind.ENTRY, table + ":" + id, version, null, null);
  }

  /** A certificate of {@code host} was stored, replaced or deleted (SPEC §9). */
  public static KvChange cert(String host, long version) {
    return new KvChange(Kind.CERT, host, version, null, null);
  }

  /** A purge with a fresh random id. */
  public static KvChange purge(String host, long version, PurgeSpec purge) {
    return new KvChange(Kind.PURGE, host, version, purge, UUID.randomUUID().toString());
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
    return k == Kind.PURGE ? new KvChange(k, key, version, PurgeSpec.fromJson(json), json.getString("id"))
        : new KvChange(k, key, version, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind.wire).put("key", key).put("version", version);
    if (purge != null) {
      json.mergeIn(purge.toJson());
    }
    if (id != null) {
      json.put("id", id);
    }
    return json;
  }
}
