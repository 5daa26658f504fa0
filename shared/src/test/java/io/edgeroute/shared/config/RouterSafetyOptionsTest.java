package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The visitor-side limits of SPEC §4a as config keys: defaults, parsing, validation, live. */
class RouterSafetyOptionsTest {

  @Test
  void defaultsAreTheSpecs() {
    RouterOptions o = new RouterOptions();
    assertEquals(Duration.ofSeconds(10), o.getHeaderTimeout());
    assertEquals(Duration.ofSeconds(1), o.getContinueTimeout());
    assertEquals(RouterOptions.DEFAULT_MAX_CONNECTIONS, o.getMaxConnections());
  }

  @Test
  void keysAreReadAndRoundTrip() {
    RouterOptions o = new RouterOptions(new JsonObject().put("headerTimeout", "1500ms").put("continueTimeout", "250ms")
        .put("maxConnections", 3));
    assertEquals(Duration.ofMillis(1500), o.getHeaderTimeout());
    assertEquals(Duration.ofMillis(250), o.getContinueTimeout());
    assertEquals(3, o.getMaxConnections());
    assertEquals(o, new RouterOptions(o.toJson()));
  }

  @Test
  void badValuesAreReportedTogether() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new RouterOptions(new JsonObject()
        .put("headerTimeout", "soon").put("maxConnections", 0).put("continueTimeout", -1)));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RouterOptions().setMaxConnections(0));
    assertThrows(IllegalArgumentException.class, () -> new RouterOptions().setHeaderTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void theyApplyWithoutRestart() {
    for (String key : new String[] {"headerTimeout", "maxConnections", "continueTimeout"}) {
      assertTrue(!RestartOnlyKeys.isRestartOnly("router." + key), key);
    }
  }
}
