package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.edgeroute.shared.model.validation.SiteValidatorTest.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EntryValidatorTest {

  private final EntryValidator tenant = new EntryValidator(false);

  @Test
  void acceptsTheSeedStorefrontEntry() {
    JsonObject entry = new JsonObject("""
        {"origin": {"url": "https://a.example.com"}, "responseHeaders": {"X-Storefront-ID": "storefrontA"}}""");
    assertEquals(List.of(), tenant.validate(entry));
  }

  @Test
  void reportsEveryProblem() {
    JsonObject entry = new JsonObject("""
        {"orign": {"url": "https://a.example.com"}, "responseHeaders": {"Bad Name": "x"}, "version": "1"}""");
    assertEquals(List.of("/orign", "/origin", "/responseHeaders/Bad Name", "/version"), pointers(tenant.validate(entry)));
  }

  @Test
  void refusesPrivateOriginsForTenantsOnly() {
    JsonObject entry = new JsonObject().put("origin", new JsonObject().put("url", "http://127.0.0.1:8080"));
    assertEquals(List.of("/origin/url"), pointers(tenant.validate(entry)));
    assertEquals(List.of(), new EntryValidator(true).validate(entry));
  }
}
