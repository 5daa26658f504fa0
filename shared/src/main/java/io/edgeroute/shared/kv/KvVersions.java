package io.edgeroute.shared.kv;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * Reads the version that compare-and-set compares: the top-level {@code "version"} number of a
 * stored JSON document, 0 when the document has none or is not a JSON object. The Lua scripts in
 * {@link RedisScripts} apply the same rule on the server, so both stores agree.
 */
public final class KvVersions {

  private KvVersions() {
  }

  /** @return the version of {@code value}, 0 when it is null, not a JSON object or has no numeric version */
  public static long of(String value) {
    if (value == null) {
      return 0;
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(value);
    } catch (DecodeException e) {
      return 0;
    }
    if (decoded instanceof JsonObject json && json.getValue("version") instanceof Number n) {
      return n.longValue();
    }
    return 0;
  }

  /**
   * @throws IllegalArgumentException when {@code expectedVersion} is below {@link KvStore#ANY_VERSION},
   *     which no stored document can match and the Lua scripts would read differently
   */
  static void requireValid(long expectedVersion) {
    if (expectedVersion < KvStore.ANY_VERSION) {
      throw new IllegalArgumentException("expected version must be ANY_VERSION (-1), ABSENT (0) or a version, not "
          + expectedVersion);
    }
  }

  /**
   * Applies the compare-and-set rule of {@link KvStore#put}: {@link KvStore#ANY_VERSION} accepts
   * anything, {@link KvStore#ABSENT} only a missing key, any other number only a present key with
   * that version.
   *
   * @param current the stored value, {@code null} when absent
   * @throws KvConflictException when the rule refuses the write
   */
  static void check(String key, String current, long expectedVersion) {
    if (expectedVersion == KvStore.ANY_VERSION) {
      return;
    }
    long currentVersion = of(current);
    boolean ok = expectedVersion == KvStore.ABSENT ? current == null
        : current != null && currentVersion == expectedVersion;
    if (!ok) {
      throw new KvConflictException(key, expectedVersion, currentVersion);
    }
  }
}
