package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsOptionsTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void defaultsHaveHttpsOn8443AndNoKey() {
    EdgerouteOptions defaults = EdgerouteOptions.defaults();
    assertEquals(8443, defaults.getRouter().getHttps().getPort());
    assertNull(defaults.getTls().getKeyEncryptionKey());
    assertEquals(10_000, defaults.getTls().getMaxCachedCertificates());
  }

  @Test
  void theKeyComesFromTheEnvironmentAndIsRedactedInLogs() {
    JsonObject json = EnvOverrides.apply(new JsonObject(), Map.of("EDGEROUTE_TLS_KEYENCRYPTIONKEY", KEY,
        "EDGEROUTE_ROUTER_HTTPS_PORT", "0"));
    EdgerouteOptions options = new EdgerouteOptions(json);
    assertEquals(32, options.getTls().keyEncryptionKeyBytes().length);
    assertEquals(0, options.getRouter().getHttps().getPort());
    assertFalse(options.toString().contains(KEY));
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedWithItsName() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new EdgerouteOptions(
        new JsonObject().put("tls", new JsonObject().put("keyEncryptionKey", "c2hvcnQ="))));
    assertTrue(e.getMessage().contains("tls.keyEncryptionKey"), e.getMessage());
  }

  @Test
  void theHttpsPortIsRestartOnly() {
    assertTrue(RestartOnlyKeys.isRestartOnly("router.https.port"));
  }
}
