package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {

  private static EdgerouteOptions withEnv(Map<String, String> env) {
    return new EdgerouteOptions(EnvOverrides.apply(EdgerouteOptions.defaults().toJson(), env));
  }

  @Test
  void overridesKeysTypedAfterTheirDefaults() {
    EdgerouteOptions o = withEnv(Map.of(
        "EDGEROUTE_ROUTER_PORT", "8181",
        "EDGEROUTE_KV_CACHE_TTL", "10s",
        "EDGEROUTE_ADMIN_ALLOWPRIVATEORIGINS", "true",
        "EDGEROUTE_KV_REDIS_ENDPOINTS", "redis://a:1, redis://b:2"));
    assertEquals(8181, o.getRouter().getPort());
    assertEquals(Duration.ofSeconds(10), o.getKv().getCache().getTtl());
    assertTrue(o.getAdmin().isAllowPrivateOrigins());
    assertEquals(List.of("redis://a:1", "redis://b:2"), o.getKv().getRedis().getEndpoints());
  }

  @Test
  void camelCaseKeysMatchWithOrWithoutUnderscores() {
    assertEquals(Duration.ofSeconds(1), withEnv(Map.of("EDGEROUTE_KV_CACHE_NEGATIVETTL", "1s")).getKv().getCache().getNegativeTtl());
    assertEquals(Duration.ofSeconds(2), withEnv(Map.of("EDGEROUTE_KV_CACHE_NEGATIVE_TTL", "2s")).getKv().getCache().getNegativeTtl());
  }

  @Test
  void listsMayBeJsonArrays() {
    EdgerouteOptions o = withEnv(Map.of("EDGEROUTE_ROUTER_TRUSTED_PROXIES", "[\"10.0.0.0/8\",\"::1\"]"));
    assertEquals(List.of("10.0.0.0/8", "::1"), o.getRouter().getTrustedProxies());
  }

  @Test
  void operatorTokenIsAddedToTheConfiguredOnes() {
    JsonObject file = new JsonObject().put("admin", new JsonObject().put("operatorTokens", new JsonArray().add("t1")));
    JsonObject applied = EnvOverrides.apply(file, Map.of("EDGEROUTE_OPERATOR_TOKEN", "t2"));
    assertEquals(List.of("t1", "t2"), new EdgerouteOptions(applied).getAdmin().getOperatorTokens());
    assertEquals(new JsonArray().add("t1"), file.getJsonObject("admin").getJsonArray("operatorTokens"), "input untouched");
  }

  @Test
  void aBareNumberFromTheEnvironmentIsRefusedNamingTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> withEnv(Map.of("EDGEROUTE_KV_CACHE_TTL", "30")));
    assertEquals("kv.cache.ttl: \"30\" is not a duration; write it like \"30s\"", e.getMessage());
    InvalidConfigException port = assertThrows(InvalidConfigException.class, () -> withEnv(Map.of("EDGEROUTE_ROUTER_PORT", "http")));
    assertEquals("router.port", port.problems().get(0).key());
  }

  @Test
  void unrelatedVariablesAreIgnoredAndUnknownOnesListed() {
    assertEquals(EdgerouteOptions.defaults(), withEnv(Map.of("PATH", "/bin", "EDGEROUTE_ROUTR_PORT", "1")));
    assertEquals(List.of("EDGEROUTE_ROUTR_PORT"), EnvOverrides.unknown(Map.of("EDGEROUTE_ROUTR_PORT", "1",
        "EDGEROUTE_OPERATOR_TOKEN", "x", "EDGEROUTE_ROUTER_PORT", "1")));
  }
}
