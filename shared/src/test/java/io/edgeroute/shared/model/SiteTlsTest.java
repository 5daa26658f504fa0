package io.edgeroute.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.model.validation.SiteValidator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site's {@code tls} block and {@code status} (SPEC §3, §9). */
class SiteTlsTest {

  private static JsonObject site() {
    return new JsonObject().put("origin", new JsonObject().put("url", "https://a.example"));
  }

  @Test
  void withoutATlsBlockTheSiteIsActiveWithCustomModeNoRedirectNoHsts() {
    Site site = Site.fromJson(site());
    assertEquals(TlsSettings.DEFAULT, site.tls());
    assertTrue(site.active());
    assertNull(site.toJson().getValue("tls"));
    assertNull(site.toJson().getValue("status"), "absent means active");
  }

  @Test
  void tlsAndAPendingStatusRoundTrip() {
    JsonObject json = site().put("tls", new JsonObject().put("mode", "auto").put("redirectHttp", true)
        .put("hsts", "max-age=60")).put("status", "pending");
    Site site = Site.fromJson(json);
    assertEquals(new TlsSettings("auto", true, "max-age=60"), site.tls());
    assertFalse(site.active());
    assertEquals(site, Site.fromJson(site.toJson()));
    assertEquals("pending", site.toJson().getString("status"));
    assertTrue(site.withStatus(Site.ACTIVE).active());
  }

  @Test
  void theValidatorNamesABadModeAnUnknownTlsFieldAndABadStatus() {
    JsonObject json = site().put("tls", new JsonObject().put("mode", "manual").put("redirect", true))
        .put("status", "verified");
    List<String> pointers = new SiteValidator(true).validate(json).stream().map(p -> p.pointer()).toList();
    assertEquals(List.of("/status", "/tls/mode", "/tls/redirect"), pointers.stream().sorted().toList());
  }
}
