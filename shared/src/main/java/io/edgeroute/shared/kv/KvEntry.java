package io.edgeroute.shared.kv;

import java.util.Objects;

/**
 * A value read from the store: its key, the stored JSON document and the document's top-level
 * {@code "version"} (0 when it has none). The version is read from the document when first asked
 * for ({@link KvVersions#of}), not when the value arrives: the microcache re-reads every key in use
 * once per TTL and compares documents, not versions, so most reads never need it.
 */
public final class KvEntry {

  private static final long NOT_READ = Long.MIN_VALUE;

  private final String key;
  private final String value;
  /** Computed at most a few times (racing readers agree on it), so not worth a lock. */
  private volatile long version;

  /** An entry whose version is already known. */
  public KvEntry(String key, String value, long version) {
    this.key = Objects.requireNonNull(key);
    this.value = Objects.requireNonNull(value);
    this.version = version;
  }

  /** @return an entry whose version is read from {@code value} when first asked for */
  public static KvEntry of(String key, String value) {
    return new KvEntry(key, value, NOT_READ);
  }

  /** @return the full key */
  public String key() {
    return key;
  }

  /** @return the stored JSON document */
  public String value() {
    return value;
  }

  /** @return the document's top-level {@code "version"}, 0 when it has none */
  public long version() {
    long known = version;
    if (known == NOT_READ) {
      known = KvVersions.of(value);
      version = known;
    }
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KvEntry that && key.equals(that.key) && value.equals(that.value)
        && version() == that.version();
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, version());
  }

  @Override
  public String toString() {
    return "KvEntry[key=" + key + ", value=" + value + ", version=" + version() + "]";
  }
}
