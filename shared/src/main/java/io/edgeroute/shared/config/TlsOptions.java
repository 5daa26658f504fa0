package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Block {@code tls}: certificates for the HTTPS listener (SPEC §9). Restart-only: every node must
 * seal and open keys with the key it started with.
 */
public class TlsOptions {

  static final String PATH = "tls";

  /**
   * Default {@code tls.maxCachedCertificates} = {@value}: decrypted certificates kept in memory per
   * node (least recently used ones are dropped and read again from the KV on their next handshake).
   */
  public static final int DEFAULT_MAX_CACHED_CERTIFICATES = 10_000;
  /**
   * Default {@code tls.keyEncryptionKey} = none: 32 random bytes, base64 (env
   * {@code EDGEROUTE_TLS_KEYENCRYPTIONKEY}), under which private keys are stored with AES-256-GCM.
   * Without it certificate uploads are refused and the HTTPS listener stays off.
   */
  public static final String DEFAULT_KEY_ENCRYPTION_KEY = null;

  private int maxCachedCertificates = DEFAULT_MAX_CACHED_CERTIFICATES;
  private String keyEncryptionKey = DEFAULT_KEY_ENCRYPTION_KEY;

  public TlsOptions() {
  }

  public TlsOptions(TlsOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public TlsOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  TlsOptions(ConfigReader in, boolean strict) {
    maxCachedCertificates = in.integer("maxCachedCertificates", DEFAULT_MAX_CACHED_CERTIFICATES, 1, 10_000_000);
    keyEncryptionKey = in.check("keyEncryptionKey", in.optString("keyEncryptionKey", DEFAULT_KEY_ENCRYPTION_KEY),
        DEFAULT_KEY_ENCRYPTION_KEY, TlsOptions::checkKey);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public int getMaxCachedCertificates() {
    return maxCachedCertificates;
  }

  public TlsOptions setMaxCachedCertificates(int max) {
    this.maxCachedCertificates = Checks.check(PATH + ".maxCachedCertificates", max, Checks.range(1, 10_000_000));
    return this;
  }

  /** @return the base64 key-encryption key, or {@code null} when none is configured */
  public String getKeyEncryptionKey() {
    return keyEncryptionKey;
  }

  public TlsOptions setKeyEncryptionKey(String key) {
    this.keyEncryptionKey = Checks.check(PATH + ".keyEncryptionKey", key, TlsOptions::checkKey);
    return this;
  }

  /** @return the 32 key bytes, or {@code null} when no key is configured */
  public byte[] keyEncryptionKeyBytes() {
    return keyEncryptionKey == null ? null : Base64.getDecoder().decode(keyEncryptionKey.trim());
  }

  private static Object checkKey(String key) {
    if (key == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be 32 bytes in base64 (e.g. openssl rand -base64 32)");
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException("must be 32 bytes in base64 (got " + bytes.length + " bytes)");
    }
    return key;
  }

  public JsonObject toJson() {
    return new JsonObject().put("maxCachedCertificates", maxCachedCertificates)
        .put("keyEncryptionKey", keyEncryptionKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsOptions && toJson().equals(((TlsOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** The key is redacted: this string ends up in logs. */
  @Override
  public String toString() {
    return toJson().put("keyEncryptionKey", keyEncryptionKey == null ? null : "***").encode();
  }
}
