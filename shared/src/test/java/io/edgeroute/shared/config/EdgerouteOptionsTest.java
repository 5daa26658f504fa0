package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgerouteOptionsTest {

  private static JsonObject shippedConfig() throws Exception {
    return new JsonObject(Files.readString(Path.of("..", "conf", "edgeroute.json")));
  }

  @Test
  void builtInDefaultsAreExactlyTheShippedConfigFile() throws Exception {
    assertEquals(shippedConfig(), EdgerouteOptions.defaults().toJson());
    assertEquals(EdgerouteOptions.defaults(), new EdgerouteOptions(shippedConfig()));
  }

  @Test
  void typedGettersReadTheBlocks() {
    EdgerouteOptions o = new EdgerouteOptions(new JsonObject()
        .put("kv", new JsonObject().put("cache", new JsonObject().put("ttl", "10s")))
        .put("responseCache", new JsonObject().put("maxBytes", "1GiB"))
        .put("router", new JsonObject().put("port", 0).put("responseHeaders", new JsonObject().put("X-Any", "y"))));
    assertEquals(Duration.ofSeconds(10), o.getKv().getCache().getTtl());
    assertEquals(1L << 30, o.getResponseCache().getMaxBytes());
    assertEquals(0, o.getRouter().getPort());
    assertEquals("y", o.getRouter().getResponseHeaders().get("X-Any"));
    assertEquals(Runtime.getRuntime().availableProcessors(), o.getRouter().resolveInstances());
  }

  @Test
  void bareNumberIsRefusedWithAMessageNamingTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new EdgerouteOptions(
        new JsonObject().put("kv", new JsonObject().put("cache", new JsonObject().put("ttl", 30)))));
    assertEquals(List.of(new ConfigProblem("kv.cache.ttl", "30 is not a duration; write it like \"30s\"")), e.problems());
  }

  @Test
  void everyProblemIsReportedAtOnceIncludingUnknownKeys() {
    JsonObject bad = new JsonObject()
        .put("router", new JsonObject().put("port", 70000).put("prot", 1)
            .put("trustedProxies", new JsonArray().add("10.0.0.0/8").add("nonsense")))
        .put("responseCache", new JsonObject().put("maxBytes", "512"))
        .put("kv", new JsonObject().put("type", "etcd"))
        .put("colour", "blue");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new EdgerouteOptions(bad));
    List<String> keys = e.problems().stream().map(ConfigProblem::key).toList();
    assertEquals(List.of("router.port", "router.trustedProxies[1]", "router.prot", "kv.type",
        "responseCache.maxBytes", "colour"), keys);
    assertTrue(e.getMessage().contains("router.prot: unknown key"), e.getMessage());
  }

  @Test
  void responseHeadersAreAFreeMapButOtherBlocksAreNot() {
    new EdgerouteOptions(new JsonObject().put("router", new JsonObject()
        .put("responseHeaders", new JsonObject().put("X-Whatever", "1"))));
    assertThrows(InvalidConfigException.class, () -> new EdgerouteOptions(new JsonObject()
        .put("log", new JsonObject().put("level", "INFO").put("format", "json"))));
  }

  @Test
  void settersValidateAndNameTheKey() {
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new RouterOptions().setPort(-1));
    assertEquals("router.port", e.problems().get(0).key());
    assertThrows(InvalidConfigException.class, () -> new LogOptions().setLevel("LOUD"));
    assertEquals(java.util.logging.Level.FINE, new LogOptions().setLevel("debug").getJulLevel());
  }

  @Test
  void snapshotsCannotBeChangedThroughTheirGetters() {
    EdgerouteOptions o = EdgerouteOptions.defaults();
    o.getRouter().setPort(1);
    assertEquals(RouterOptions.DEFAULT_PORT, o.getRouter().getPort());
  }

  @Test
  void restartOnlyChangesAreListedAndKeptAtTheirRunningValues() {
    EdgerouteOptions running = EdgerouteOptions.defaults();
    EdgerouteOptions next = new EdgerouteOptions(new JsonObject()
        .put("router", new JsonObject().put("port", 8081))
        .put("kv", new JsonObject().put("redis", new JsonObject().put("endpoints", new JsonArray().add("redis://h:1")))
            .put("cache", new JsonObject().put("ttl", "1s"))));
    assertEquals(List.of("router.port", "kv.redis.endpoints"), RestartOnlyKeys.changed(running, next));
    EdgerouteOptions applied = RestartOnlyKeys.keepRunning(running, next);
    assertEquals(8080, applied.getRouter().getPort());
    assertEquals(RedisKvOptions.DEFAULT_ENDPOINTS, applied.getKv().getRedis().getEndpoints());
    assertEquals(Duration.ofSeconds(1), applied.getKv().getCache().getTtl());
    assertEquals(List.of("kv.cache.ttl"), running.changedKeys(applied));
  }

  @Test
  void redisOptionsCarryTypeEndpointsAndSentinelMaster() {
    RedisKvOptions redis = new RedisKvOptions(new JsonObject().put("type", "sentinel")
        .put("endpoints", new JsonArray().add("redis://s1:26379")).put("masterName", "mymaster").put("password", "pw"));
    io.vertx.redis.client.RedisOptions ro = redis.toRedisOptions();
    assertEquals(io.vertx.redis.client.RedisClientType.SENTINEL, ro.getType());
    assertEquals(List.of("redis://s1:26379"), ro.getEndpoints());
    assertEquals("mymaster", ro.getMasterName());
    assertTrue(!redis.toString().contains("pw"));
    assertThrows(InvalidConfigException.class, () -> new RedisKvOptions(new JsonObject().put("type", "sentinel")));
  }
}
