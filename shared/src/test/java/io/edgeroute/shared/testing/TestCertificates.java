package io.edgeroute.shared.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test (BouncyCastle, test scope only): self-signed leaves for any names and
 * validity, and a test CA that issues leaves (for Pebble and for chains). Keys are EC P-256: fast to
 * generate, accepted by every TLS stack.
 */
public final class TestCertificates {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestCertificates() {
  }

  /** A certificate with its key, as PEM text too. */
  public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

    /** @return the chain as PEM, leaf first */
    public String chainPem() {
      StringBuilder out = new StringBuilder();
      for (X509Certificate c : chain) {
        try {
          out.append(pem("CERTIFICATE", c.getEncoded()));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }
      return out.toString();
    }

    /** @return the leaf alone as PEM */
    public String certificatePem() {
      try {
        return pem("CERTIFICATE", certificate.getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** @return the private key as PKCS#8 PEM */
    public String keyPem() {
      return pem("PRIVATE KEY", key.getEncoded());
    }
  }

  /** A self-signed leaf for {@code names}, valid from an hour ago for a day. */
  public static Issued selfSigned(String... names) {
    Instant now = Instant.now();
    return selfSigned(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), names);
  }

  /** A self-signed leaf for {@code names}, valid between the two instants. */
  public static Issued selfSigned(Instant notBefore, Instant notAfter, String... names) {
    KeyPair pair = keyPair();
    X509Certificate leaf = build(pair, "CN=" + names[0], pair.getPrivate(), "CN=" + names[0], notBefore, notAfter,
        false, names);
    return new Issued(leaf, pair.getPrivate(), List.of(leaf));
  }

  /** A CA certificate valid for a year, able to issue leaves. */
  public static Issued certificateAuthority(String name) {
    KeyPair pair = keyPair();
    Instant now = Instant.now();
    X509Certificate ca = build(pair, "CN=" + name, pair.getPrivate(), "CN=" + name, now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(365)), true);
    return new Issued(ca, pair.getPrivate(), List.of(ca));
  }

  /** A leaf for {@code names} issued by {@code ca}, valid for a day; its chain is leaf then CA. */
  public static Issued issuedBy(Issued ca, String... names) {
    KeyPair pair = keyPair();
    Instant now = Instant.now();
    X509Certificate leaf = build(pair, "CN=" + names[0], ca.key(), ca.certificate().getSubjectX500Principal().getName(),
        now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false, names);
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    chain.add(ca.certificate());
    return new Issued(leaf, pair.getPrivate(), chain);
  }

  private static X509Certificate build(KeyPair subject, String subjectName, PrivateKey signer, String issuerName,
                                       Instant notBefore, Instant notAfter, boolean ca, String... names) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuerName),
          new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
          new X500Name(subjectName), subject.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      }
      if (names.length > 0) {
        GeneralName[] sans = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
          sans[i] = Character.isDigit(names[i].charAt(0)) && names[i].matches("[0-9.]+")
              ? new GeneralName(GeneralName.iPAddress, names[i]) : new GeneralName(GeneralName.dNSName, names[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException("could not make a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
