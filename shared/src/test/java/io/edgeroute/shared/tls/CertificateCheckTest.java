package io.edgeroute.shared.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.model.validation.ValidationProblem;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TestCertificates.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateCheckTest {

  private final Instant now = Instant.now();

  @Test
  void acceptsAMatchingCertificateForTheHostAndDescribesIt() {
    Issued issued = TestCertificates.selfSigned("shop.example", "www.shop.example");
    CertificateCheck.Checked checked = CertificateCheck.check("shop.example", issued.chainPem(), issued.keyPem(), now);
    assertEquals(List.of("shop.example", "www.shop.example"), checked.info().sans());
    assertEquals(issued.certificate().getNotAfter().toInstant(), checked.info().notAfter());
    assertEquals(64, checked.info().sha256().length());
  }

  @Test
  void aWildcardCertificateCoversOneLabelBelowButNotTheParentOrTwoLabels() {
    Issued issued = TestCertificates.selfSigned("*.shop.example");
    CertificateCheck.check("a.shop.example", issued.chainPem(), issued.keyPem(), now);
    CertificateCheck.check("*.shop.example", issued.chainPem(), issued.keyPem(), now);
    refused("shop.example", issued.chainPem(), issued.keyPem(), "does not cover shop.example");
    refused("a.b.shop.example", issued.chainPem(), issued.keyPem(), "does not cover");
  }

  @Test
  void refusesAForeignKey() {
    Issued issued = TestCertificates.selfSigned("shop.example");
    Issued other = TestCertificates.selfSigned("shop.example");
    ValidationProblem p = refused("shop.example", issued.chainPem(), other.keyPem(), "does not match");
    assertEquals("/privateKey", p.pointer());
  }

  @Test
  void refusesAnotherNamesCertificate() {
    Issued issued = TestCertificates.selfSigned("other.example");
    refused("shop.example", issued.chainPem(), issued.keyPem(), "does not cover shop.example (it names other.example)");
  }

  @Test
  void refusesAnExpiredCertificate() {
    Issued issued = TestCertificates.selfSigned(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
        "shop.example");
    refused("shop.example", issued.chainPem(), issued.keyPem(), "expired");
  }

  @Test
  void refusesGarbagePemInBothFields() {
    CertificateCheck.Refused refused = assertThrows(CertificateCheck.Refused.class,
        () -> CertificateCheck.check("shop.example", "hello", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            now));
    assertEquals(List.of("/certificate", "/privateKey"), refused.problems().stream().map(ValidationProblem::pointer).toList());
  }

  private ValidationProblem refused(String host, String chain, String key, String detail) {
    CertificateCheck.Refused refused = assertThrows(CertificateCheck.Refused.class,
        () -> CertificateCheck.check(host, chain, key, now));
    ValidationProblem first = refused.problems().get(0);
    assertTrue(first.detail().contains(detail), first.detail());
    return first;
  }
}
