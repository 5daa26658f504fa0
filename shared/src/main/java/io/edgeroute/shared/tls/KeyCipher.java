package io.edgeroute.shared.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys for the KV with AES-256-GCM under {@code tls.keyEncryptionKey} (SPEC §9).
 * The stored form is base64 of a random 12-byte nonce followed by the ciphertext and its 16-byte
 * tag. The host is the associated data, so a key copied to another host's certificate does not
 * decrypt. Thread-safe: a {@link Cipher} is made per call.
 */
public final class KeyCipher {

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  /** @param keyBytes the 32 bytes of {@code tls.keyEncryptionKey} */
  public KeyCipher(byte[] keyBytes) {
    if (keyBytes == null || keyBytes.length != 32) {
      throw new IllegalArgumentException("the key-encryption key must be 32 bytes");
    }
    this.key = new SecretKeySpec(keyBytes.clone(), "AES");
  }

  /** @return base64 of nonce, ciphertext and tag */
  public String encrypt(String host, byte[] plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(host.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @return the plain bytes
   * @throws IllegalArgumentException when the value is not base64, was sealed under another key or
   *     for another host, or was altered
   */
  public byte[] decrypt(String host, String stored) {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the stored key is not base64");
    }
    if (in.length <= NONCE_BYTES) {
      throw new IllegalArgumentException("the stored key is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(host.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the stored key does not decrypt under tls.keyEncryptionKey for " + host);
    }
  }
}
