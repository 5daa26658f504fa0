package io.edgeroute.shared.kv;

/** A compare-and-set write found another version than the one it expected. */
public final class KvConflictException extends RuntimeException {

  private final String key;
  private final long currentVersion;

  public KvConflictException(String key, long expectedVersion, long currentVersion) {
    super("version conflict on " + key + ": expected " + expectedVersion + ", found " + currentVersion, null, false, false);
    this.key = key;
    this.currentVersion = currentVersion;
  }

  public String key() {
    return key;
  }

  /** @return the version stored when the write was refused, 0 when the key was absent */
  public long currentVersion() {
    return currentVersion;
  }
}
