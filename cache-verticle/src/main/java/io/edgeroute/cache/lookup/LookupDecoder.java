package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvVersions;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Turns what the store holds under a site or entry key into a {@link Lookup}, decoding the document
 * once, when it is read, so that a hit costs no parsing.
 */
final class LookupDecoder {

  private final KvKeys keys;
  private final String entryPrefix;

  LookupDecoder(KvKeys keys) {
    this.keys = keys;
    this.entryPrefix = keys.prefix() + "entry:";
  }

  KvKeys keys() {
    return keys;
  }

  /**
   * Decodes what a read of {@code key} returned, unless it is the very document already cached:
   * then the cached answer is kept, read again at {@code fetchedAt}. Every key in use is read again
   * once per TTL (refresh ahead) and is usually unchanged; decoding it again, its origin url
   * parsed and its host checked, was most of what a background refresh cost the event loop.
   *
   * @param previous the lookup cached under {@code key} now, or {@code null}
   * @return the lookup, as {@link #decode(String, String, long)} would give it
   */
  Lookup decode(String key, String raw, long fetchedAt, Lookup previous) {
    if (previous != null && Objects.equals(previous.raw(), raw)) {
      return new Lookup(key, raw, previous.version(), fetchedAt, 0, false, previous.answer());
    }
    return decode(key, raw, fetchedAt);
  }

  /**
   * @param raw the stored document, {@code null} when the key is absent
   * @return the lookup; a document that does not decode is kept, as
   *     {@link Lookup.Invalid}, so that it is not read again on every request
   * @throws IllegalArgumentException when {@code key} is neither a site nor an entry key
   */
  Lookup decode(String key, String raw, long fetchedAt) {
    if (raw == null) {
      requireLookupKey(key);
      return new Lookup(key, null, 0, fetchedAt, 0, false, Lookup.Absent.INSTANCE);
    }
    KvEntry entry = new KvEntry(key, raw, versionOf(raw));
    Lookup.Answer answer;
    try {
      String host = keys.hostOf(key);
      if (host != null) {
        answer = new Lookup.SiteFound(decodeSite(host, entry));
      } else if (key.startsWith(entryPrefix)) {
        answer = new Lookup.EntryFound(decodeEntry(entry));
      } else {
        throw new IllegalArgumentException("not a site or entry key: " + key);
      }
    } catch (InvalidRoutingDataException e) {
      answer = new Lookup.Invalid(e);
    }
    return new Lookup(key, raw, entry.version(), fetchedAt, 0, false, answer);
  }

  /**
   * The key is the truth for the host: a document written directly by a platform may omit it.
   *
   * @throws InvalidRoutingDataException when the stored value is not a readable site
   */
  static Site decodeSite(String host, KvEntry entry) {
    try {
      return Site.fromJson(new JsonObject(entry.value())).withHost(host);
    } catch (RuntimeException e) {
      throw new InvalidRoutingDataException(entry.key(), e);
    }
  }

  /** @throws InvalidRoutingDataException when the stored value is not a readable entry */
  static TableEntry decodeEntry(KvEntry entry) {
    try {
      return TableEntry.fromJson(new JsonObject(entry.value()));
    } catch (RuntimeException e) {
      throw new InvalidRoutingDataException(entry.key(), e);
    }
  }

  private void requireLookupKey(String key) {
    if (keys.hostOf(key) == null && !key.startsWith(entryPrefix)) {
      throw new IllegalArgumentException("not a site or entry key: " + key);
    }
  }

  private static long versionOf(String raw) {
    try {
      return KvVersions.of(raw);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
