package io.edgeroute.shared.tls;

import io.vertx.core.json.JsonObject;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The document under {@code edgeroute:cert:<host>} (SPEC §2, §9). The private key is only ever held
 * here encrypted ({@link KeyCipher}); {@code chain} is public. A document may exist without a chain
 * while an ACME order is pending or after it failed: {@code status} and {@code error} say so.
 *
 * @param chain    PEM chain, leaf first, or {@code null} when none was issued yet
 * @param key      PKCS#8 private key sealed by {@link KeyCipher}, or {@code null} with {@code chain}
 * @param source   {@link #UPLOADED} or {@link #ACME}
 * @param notAfter the leaf's expiry, or {@code null}
 * @param status   {@link #ACTIVE}, {@link #PENDING} or {@link #FAILED}
 * @param error    why the last attempt failed, or {@code null}
 * @param failures ACME attempts failed in a row (0 after a success)
 * @param nextAttempt no ACME order for this host before then, or {@code null}
 */
public record StoredCertificate(String chain, String key, String source, Instant notAfter, long version,
                                String status, String error, int failures, Instant nextAttempt) {

  public static final String UPLOADED = "uploaded";
  public static final String ACME = "acme";
  public static final String ACTIVE = "active";
  public static final String PENDING = "pending";
  public static final String FAILED = "failed";

  /** @return an active certificate of {@code host} whose key is sealed by {@code cipher}, version 0 */
  public static StoredCertificate sealed(String host, List<X509Certificate> chain, PrivateKey key, String source,
                                         KeyCipher cipher) {
    return new StoredCertificate(Pem.encode(chain), cipher.encrypt(host, key.getEncoded()), source,
        chain.get(0).getNotAfter().toInstant(), 0, ACTIVE, null, 0, null);
  }

  /** @throws IllegalArgumentException when a field has the wrong type */
  public static StoredCertificate fromJson(JsonObject json) {
    try {
      String notAfter = json.getString("notAfter");
      String nextAttempt = json.getString("nextAttempt");
      return new StoredCertificate(json.getString("chain"), json.getString("key"),
          json.getString("source", UPLOADED), notAfter == null ? null : Instant.parse(notAfter),
          json.getLong("version", 0L), json.getString("status", ACTIVE), json.getString("error"),
          json.getInteger("failures", 0), nextAttempt == null ? null : Instant.parse(nextAttempt));
    } catch (ClassCastException | java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("certificate document does not parse: " + e.getMessage());
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (chain != null) {
      json.put("chain", chain);
    }
    if (key != null) {
      json.put("key", key);
    }
    json.put("source", source);
    if (notAfter != null) {
      json.put("notAfter", notAfter.toString());
    }
    json.put("version", version).put("status", status);
    if (error != null) {
      json.put("error", error);
    }
    if (failures > 0) {
      json.put("failures", failures);
    }
    if (nextAttempt != null) {
      json.put("nextAttempt", nextAttempt.toString());
    }
    return json;
  }

  /** @return whether a handshake can be served from this document */
  public boolean servable() {
    return chain != null && key != null;
  }

  public StoredCertificate withVersion(long newVersion) {
    return new StoredCertificate(chain, key, source, notAfter, newVersion, status, error, failures, nextAttempt);
  }

  /** The same certificate (if any) with a new status: pending while ordering, failed with why and when next. */
  public StoredCertificate withAttempt(String newStatus, String newError, int newFailures, Instant next) {
    return new StoredCertificate(chain, key, source, notAfter, version, newStatus, newError, newFailures, next);
  }
}
