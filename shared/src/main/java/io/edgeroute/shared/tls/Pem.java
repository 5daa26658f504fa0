package io.edgeroute.shared.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and private keys with the JDK alone. Keys: PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519) and PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}).
 * Encrypted keys and SEC1 EC keys are refused with the openssl command that converts them.
 * Every failure is an {@link IllegalArgumentException} whose message can be shown to the uploader.
 */
public final class Pem {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem";
  /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
  private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
      (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

  private Pem() {
  }

  /** @return the certificates in order (leaf first, as uploaded) */
  public static List<X509Certificate> chain(String pem) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem)) {
        if (!block.type().equals("CERTIFICATE")) {
          throw new IllegalArgumentException("expected only CERTIFICATE blocks, found " + block.type());
        }
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("a certificate does not parse: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate found");
    }
    return out;
  }

  /** @return the one private key in {@code pem} */
  public static PrivateKey privateKey(String pem) {
    List<Block> blocks = blocks(pem);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(blocks.isEmpty() ? "no PEM private key found"
          : "expected one PEM private key, found " + blocks.size() + " blocks");
    }
    Block block = blocks.get(0);
    return switch (block.type()) {
      case "PRIVATE KEY" -> pkcs8(block.der());
      case "RSA PRIVATE KEY" -> pkcs8(rsaPkcs8(block.der()));
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("the private key is encrypted; " + CONVERT);
      case "EC PRIVATE KEY" -> throw new IllegalArgumentException("SEC1 EC keys are not read; " + CONVERT);
      default -> throw new IllegalArgumentException("not a private key: " + block.type());
    };
  }

  /** @return the key from its PKCS#8 DER encoding ({@link PrivateKey#getEncoded()}) */
  public static PrivateKey pkcs8(byte[] der) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (Exception e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException("the private key does not parse as RSA, EC or EdDSA PKCS#8");
  }

  /** @return {@code certificates} as one PEM text */
  public static String encode(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate c : certificates) {
      try {
        out.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateException e) {
        throw new IllegalArgumentException("a certificate does not encode", e);
      }
    }
    return out.toString();
  }

  private record Block(String type, byte[] der) {
  }

  private static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    if (pem == null) {
      return out;
    }
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a " + m.group(1) + " block is not valid base64");
      }
    }
    return out;
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
