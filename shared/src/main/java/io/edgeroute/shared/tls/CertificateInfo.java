package io.edgeroute.shared.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What the admin API shows of a certificate (SPEC §7), read from its leaf: never the key.
 *
 * @param sha256 hex SHA-256 of the leaf's DER encoding (the fingerprint browsers show)
 */
public record CertificateInfo(List<String> sans, Instant notBefore, Instant notAfter, String sha256) {

  public CertificateInfo {
    sans = List.copyOf(sans);
  }

  public static CertificateInfo of(X509Certificate leaf) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
      return new CertificateInfo(HostCoverage.dnsNames(leaf), leaf.getNotBefore().toInstant(),
          leaf.getNotAfter().toInstant(), HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate does not encode", e);
    }
  }

  /** @return the moment two thirds of the validity have passed: when a renewal is due */
  public Instant renewAt() {
    long lifetime = notAfter.toEpochMilli() - notBefore.toEpochMilli();
    return notBefore.plusMillis(lifetime * 2 / 3);
  }
}
