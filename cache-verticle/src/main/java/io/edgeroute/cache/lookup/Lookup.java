package io.edgeroute.cache.lookup;

import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.json.JsonObject;

/**
 * One cached answer of the store for one key: the decoded document, or "no such key". Immutable:
 * the microcache swaps a whole new {@code Lookup} in whenever anything about the key changes.
 *
 * @param key the full KV key
 * @param raw the stored JSON document, or {@code null} for a negative answer (the key is absent)
 * @param version the document's version (0 for a negative answer)
 * @param fetchedAt when Redis gave this answer, epoch milliseconds (wall clock, so that a snapshot
 *     read after a restart ages correctly)
 * @param retryAt no background refresh is started before this time, epoch milliseconds; set when
 *     one is started, so that a hot key asks Redis once per interval, not once per hit
 * @param outdated a change message announced a newer version: the next lookup waits for it
 * @param answer what the document decodes to: a site, a table entry, nothing (absent), or the
 *     problem that makes it unusable
 */
public record Lookup(String key, String raw, long version, long fetchedAt, long retryAt, boolean outdated,
    Answer answer) {

  /** What the store's document for a key decodes to. */
  public sealed interface Answer permits SiteFound, EntryFound, Absent, Invalid {
  }

  /** A site document. */
  public record SiteFound(Site site) implements Answer {
  }

  /** A table entry document. */
  public record EntryFound(TableEntry entry) implements Answer {
  }

  /** No such key: a negative answer, cached like a positive one. */
  public record Absent() implements Answer {
    static final Absent INSTANCE = new Absent();
  }

  /** A document that does not decode: kept, so that it is not read again on every request. */
  public record Invalid(InvalidRoutingDataException problem) implements Answer {
  }

  /** @return whether the key was absent from the store */
  public boolean negative() {
    return raw == null;
  }

  /** @return this answer with a background refresh started at {@code now}, not to be repeated before {@code next} */
  Lookup refreshing(long next) {
    return new Lookup(key, raw, version, fetchedAt, next, outdated, answer);
  }

  /** @return this answer, known to be older than the store's */
  Lookup markedOutdated() {
    return new Lookup(key, raw, version, fetchedAt, retryAt, true, answer);
  }

  /** The wire and snapshot form: what the store said and when; the decoded value is derived from it. */
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("raw", raw).put("version", version).put("fetchedAt", fetchedAt);
  }

  /** @throws IllegalArgumentException when {@code json} is not a lookup */
  static Lookup fromJson(JsonObject json, LookupDecoder decoder) {
    String key = json.getString("key");
    if (key == null) {
      throw new IllegalArgumentException("lookup without key: " + json.encode());
    }
    return decoder.decode(key, json.getString("raw"), json.getLong("fetchedAt", 0L));
  }
}
