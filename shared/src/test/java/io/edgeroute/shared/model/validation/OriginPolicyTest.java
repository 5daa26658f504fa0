package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.edgeroute.shared.model.validation.SiteValidatorTest.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class OriginPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "api.localhost", "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1",
      "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "[::1]", "[::]",
      "[fe80::1]", "[fd00::1]", "[fc00::1]", "[::ffff:10.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::a00:1]"})
  void flagsNonPublicAddresses(String host) {
    assertNotNull(OriginPolicy.privateReason(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"static.example.me", "api.internal", "93.184.216.34", "172.32.0.1", "100.128.0.1",
      "[2606:4700::1111]", "localhost.example.com"})
  void letsPublicAndNamedHostsThrough(String host) {
    assertNull(OriginPolicy.privateReason(host), host);
  }

  @Test
  void refusesPrivateUrlAndConnectToForTenants() {
    JsonObject doc = new JsonObject("""
        {"origin": {"url": "http://localhost:3000", "connectTo": "192.168.1.10:80"},
         "routes": [{"pathPrefix": "/", "split": [{"weight": 1, "origin": {"url": "http://[::1]"}}]}]}""");
    List<ValidationProblem> problems = new SiteValidator(false).validate(doc);
    assertEquals(List.of("/origin/url", "/origin/connectTo", "/routes/0/split/0/origin/url"), pointers(problems));
    assertEquals(List.of(), new SiteValidator(true).validate(doc));
  }

  @Test
  void numericShorthandCannotSneakPastThePolicy() {
    JsonObject doc = new JsonObject().put("origin", new JsonObject().put("url", "http://127.1"));
    assertEquals(List.of("/origin/url"), pointers(new SiteValidator(true).validate(doc)),
        "refused even for operators: resolvers would read it as 127.0.0.1");
  }
}
