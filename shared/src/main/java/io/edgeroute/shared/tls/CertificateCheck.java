package io.edgeroute.shared.tls;

import io.edgeroute.shared.model.validation.ValidationProblem;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an uploaded certificate for a host (SPEC §9): the chain parses, the key parses and matches
 * the leaf, the leaf covers the host, and it is valid now. Every problem is reported at once, each
 * with the JSON pointer of the field at fault ({@code /certificate} or {@code /privateKey}).
 */
public final class CertificateCheck {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate that passed: the parsed chain (leaf first) and its key. */
  public record Checked(List<X509Certificate> chain, PrivateKey key, CertificateInfo info) {
  }

  /** The problems of a certificate that did not pass. */
  public static final class Refused extends IllegalArgumentException {
    private final List<ValidationProblem> problems;

    Refused(List<ValidationProblem> problems) {
      super(problems.stream().map(p -> p.pointer() + ": " + p.detail()).reduce((a, b) -> a + "; " + b).orElse(""));
      this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
      return problems;
    }
  }

  private CertificateCheck() {
  }

  /**
   * @param host the site's normalised host, or {@code *.parent}
   * @throws Refused listing every problem
   */
  public static Checked check(String host, String chainPem, String keyPem, Instant now) {
    List<ValidationProblem> problems = new ArrayList<>();
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    try {
      chain = Pem.chain(chainPem);
    } catch (IllegalArgumentException e) {
      problems.add(new ValidationProblem("/certificate", e.getMessage()));
    }
    try {
      key = Pem.privateKey(keyPem);
    } catch (IllegalArgumentException e) {
      problems.add(new ValidationProblem("/privateKey", e.getMessage()));
    }
    CertificateInfo info = null;
    if (chain != null) {
      X509Certificate leaf = chain.get(0);
      try {
        info = CertificateInfo.of(leaf);
        if (!HostCoverage.covers(info.sans(), host)) {
          problems.add(new ValidationProblem("/certificate", "the certificate does not cover " + host
              + " (it names " + (info.sans().isEmpty() ? "no DNS name" : String.join(", ", info.sans())) + ")"));
        }
      } catch (IllegalArgumentException e) {
        problems.add(new ValidationProblem("/certificate", e.getMessage()));
      }
      if (now.isAfter(leaf.getNotAfter().toInstant())) {
        problems.add(new ValidationProblem("/certificate", "the certificate expired at " + leaf.getNotAfter().toInstant()));
      } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
        problems.add(new ValidationProblem("/certificate", "the certificate is not valid before "
            + leaf.getNotBefore().toInstant()));
      }
      if (key != null && !matches(key, leaf.getPublicKey())) {
        problems.add(new ValidationProblem("/privateKey", "the private key does not match the certificate"));
      }
    }
    if (!problems.isEmpty()) {
      throw new Refused(problems);
    }
    return new Checked(List.copyOf(chain), key, info);
  }

  /** Signs random bytes with {@code key} and verifies them with {@code publicKey}. */
  static boolean matches(PrivateKey key, PublicKey publicKey) {
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    try {
      byte[] data = new byte[32];
      RANDOM.nextBytes(data);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }
}
