package io.edgeroute.shared.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyCipherTest {

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final KeyCipher cipher = new KeyCipher(key());
  private final byte[] secret = "-----BEGIN PRIVATE KEY----- secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTripsAndNeverShowsThePlainBytes() {
    String sealed = cipher.encrypt("a.example", secret);
    assertFalse(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1).contains("PRIVATE"));
    assertArrayEquals(secret, cipher.decrypt("a.example", sealed));
    assertNotEquals(sealed, cipher.encrypt("a.example", secret), "a fresh nonce every time");
  }

  @Test
  void refusesAnotherHostAnotherKeyAndATamperedValue() {
    String sealed = cipher.encrypt("a.example", secret);
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt("b.example", sealed));
    assertThrows(IllegalArgumentException.class, () -> new KeyCipher(key()).decrypt("a.example", sealed));
    byte[] bytes = Base64.getDecoder().decode(sealed);
    bytes[bytes.length - 1] ^= 1;
    assertThrows(IllegalArgumentException.class,
        () -> cipher.decrypt("a.example", Base64.getEncoder().encodeToString(bytes)));
  }
}
