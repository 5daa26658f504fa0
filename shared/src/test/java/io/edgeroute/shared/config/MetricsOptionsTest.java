package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class MetricsOptionsTest {

  @Test
  void defaultsExposeMetricsWithoutHostLabelsOrPerOriginRequestMeters() {
    MetricsOptions defaults = new MetricsOptions(new JsonObject());
    assertTrue(defaults.isEnabled());
    assertFalse(defaults.isPerHost());
    assertFalse(defaults.isOriginRequests());
    assertFalse(defaults.isVisitorRequests());
  }

  @Test
  void visitorRequestMetersAreAnOptIn() {
    MetricsOptions on = new MetricsOptions(new JsonObject().put("visitorRequests", true));
    assertTrue(on.isVisitorRequests());
    assertFalse(on.isOriginRequests());
    assertEquals(on, new MetricsOptions(on.toJson()));
  }

  @Test
  void originRequestMetersAreAnOptIn() {
    MetricsOptions on = new MetricsOptions(new JsonObject().put("originRequests", true));
    assertTrue(on.isOriginRequests());
    assertEquals(on, new MetricsOptions(on.toJson()));
  }

  @Test
  void aWrongTypeOrUnknownKeyIsRefused() {
    assertThrows(InvalidConfigException.class, () -> new MetricsOptions(new JsonObject().put("originRequests", "yes")));
    assertThrows(InvalidConfigException.class, () -> new MetricsOptions(new JsonObject().put("originRequest", true)));
    assertThrows(InvalidConfigException.class, () -> new MetricsOptions(new JsonObject().put("visitorRequests", 1)));
  }
}
