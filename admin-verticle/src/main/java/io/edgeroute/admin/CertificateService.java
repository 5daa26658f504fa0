package io.edgeroute.admin;

import io.edgeroute.shared.config.TlsOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvConflictException;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.edgeroute.shared.tls.CertificateCheck;
import io.edgeroute.shared.tls.CertificateInfo;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.Pem;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /v1/sites/{host}/certificate} (SPEC §7, §9): an uploaded certificate is checked, its key
 * sealed with AES-256-GCM under {@code tls.keyEncryptionKey}, stored under {@code cert:<host>} and
 * announced ({@code kind: "cert"}), so every node serves it from the next handshake. Only the owner
 * of the site sees or changes its certificate; anyone else gets the site's 404. What is shown is
 * metadata read from the chain: never the key.
 */
final class CertificateService {

  private static final int ATTEMPTS = 5;

  private final KvStore store;
  private final KvKeys keys;
  private final SiteReads sites;
  private final Announcer announcer;
  private final Supplier<TlsOptions> tls;

  CertificateService(KvStore store, KvKeys keys, SiteReads sites, Announcer announcer, Supplier<TlsOptions> tls) {
    this.store = store;
    this.keys = keys;
    this.sites = sites;
    this.announcer = announcer;
    this.tls = tls;
  }

  /**
   * @return a future completed with the stored certificate's metadata; failed with 404 (no such site
   *     for the caller), 422 (the certificate does not pass {@link CertificateCheck}) or 503 (no
   *     key-encryption key configured)
   */
  Future<JsonObject> put(Caller caller, String host, JsonObject body) {
    byte[] kek = tls.get().keyEncryptionKeyBytes();
    return sites.get(caller, host).compose(site -> {
      if (kek == null) {
        return Future.failedFuture(ApiFailure.notConfigured("certificates cannot be stored: the operator has not set "
            + "tls.keyEncryptionKey (EDGEROUTE_TLS_KEYENCRYPTIONKEY), and private keys are only stored encrypted"));
      }
      CertificateCheck.Checked checked = check(host, body);
      StoredCertificate sealed = StoredCertificate.sealed(host, checked.chain(), checked.key(),
          StoredCertificate.UPLOADED, new KeyCipher(kek));
      return store(host, sealed, ATTEMPTS).compose(version -> announcer.announce(KvChange.cert(host, version))
          .map(v -> describe(host, sealed.withVersion(version))));
    });
  }

  /** @return a future completed with the metadata; failed with 404 when there is no site or no certificate */
  Future<JsonObject> get(Caller caller, String host) {
    return sites.get(caller, host).compose(site -> store.get(keys.cert(host))).compose(entry -> entry == null
        ? Future.failedFuture(ApiFailure.notFound("no certificate for " + host))
        : Future.succeededFuture(describe(host, StoredCertificate.fromJson(new JsonObject(entry.value())))));
  }

  /** @return a future completed once removed and announced; failed with 404 when there is no site */
  Future<Void> delete(Caller caller, String host) {
    return sites.get(caller, host)
        .compose(site -> store.delete(keys.cert(host), KvStore.ANY_VERSION))
        .compose(deleted -> deleted ? announcer.announce(KvChange.cert(host, 0)) : Future.succeededFuture());
  }

  private static CertificateCheck.Checked check(String host, JsonObject body) {
    List<ValidationProblem> problems = new ArrayList<>();
    for (String field : body.fieldNames()) {
      if (!field.equals("certificate") && !field.equals("privateKey")) {
        problems.add(new ValidationProblem("/" + field, "unknown field"));
      }
    }
    for (String field : List.of("certificate", "privateKey")) {
      if (!(body.getValue(field) instanceof String)) {
        problems.add(new ValidationProblem("/" + field, "required: a PEM string"));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiFailure.invalid(problems);
    }
    try {
      return CertificateCheck.check(host, body.getString("certificate"), body.getString("privateKey"), Instant.now());
    } catch (CertificateCheck.Refused refused) {
      throw ApiFailure.invalid(refused.problems());
    }
  }

  /** Writes at the next version; a concurrent writer makes it read and try again. */
  private Future<Long> store(String host, StoredCertificate sealed, int attempts) {
    return store.get(keys.cert(host)).compose(current -> {
      long old = version(current);
      long next = old + 1;
      return store.put(keys.cert(host), sealed.withVersion(next).toJson().encode(), current == null ? KvStore.ABSENT : old)
          .map(next)
          .recover(e -> e instanceof KvConflictException && attempts > 1 ? store(host, sealed, attempts - 1)
              : Future.failedFuture(e));
    });
  }

  private static long version(KvEntry entry) {
    return entry == null ? 0 : new JsonObject(entry.value()).getLong("version", 0L);
  }

  /** The resource's body: what the chain says, and the document's status. Never the key. */
  static JsonObject describe(String host, StoredCertificate stored) {
    JsonObject out = new JsonObject().put("host", host).put("source", stored.source()).put("status", stored.status())
        .put("version", stored.version());
    if (stored.error() != null) {
      out.put("error", stored.error());
    }
    if (stored.nextAttempt() != null) {
      out.put("nextAttempt", stored.nextAttempt().toString());
    }
    if (stored.chain() != null) {
      try {
        CertificateInfo info = CertificateInfo.of(Pem.chain(stored.chain()).get(0));
        out.put("sans", new JsonArray(new ArrayList<>(info.sans())))
            .put("notBefore", info.notBefore().toString())
            .put("notAfter", info.notAfter().toString())
            .put("sha256", info.sha256());
        if (StoredCertificate.ACME.equals(stored.source())) {
          out.put("renewAt", info.renewAt().toString());
        }
      } catch (IllegalArgumentException e) {
        // A document a platform wrote by hand: show it with its problem rather than answer 500.
        out.put("status", StoredCertificate.FAILED).put("error", "the stored chain does not parse: " + e.getMessage());
      }
    }
    return out;
  }
}
