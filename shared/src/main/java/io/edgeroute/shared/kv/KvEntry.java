package io.edgeroute.shared.kv;

/**
 * A value read from the store.
 *
 * @param key the full key
 * @param value the stored JSON document
 * @param version the document's top-level {@code "version"} (0 when it has none)
 */
public record KvEntry(String key, String value, long version) {
}
