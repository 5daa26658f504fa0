package io.edgeroute.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Block {@code kv.redis}: the Redis backend, used when {@code kv.type} is {@code redis}. Restart-only. */
public class RedisKvOptions {

  /** How long the cluster client trusts its slot map before asking the cluster again, in ms. */
  static final long TOPOLOGY_CACHE_TTL_MS = 200;

  /** Connections per Redis node the client may open. */
  static final int MAX_POOL_SIZE = 16;

  /** Commands that may wait for a pooled connection before the client refuses more. */
  static final int MAX_POOL_WAITING = 4096;


  static final String PATH = "kv.redis";
  private static final Set<String> TYPES = Set.of("standalone", "cluster", "sentinel");

  /** Default {@code kv.redis.type} = {@value}; also {@code cluster} or {@code sentinel}. */
  public static final String DEFAULT_TYPE = "standalone";

  /** Default {@code kv.redis.endpoints} = [redis://127.0.0.1:6379]: seeds (cluster) or sentinels. */
  public static final List<String> DEFAULT_ENDPOINTS = List.of("redis://127.0.0.1:6379");

  /** Default {@code kv.redis.password} = none. */
  public static final String DEFAULT_PASSWORD = null;

  /** Default {@code kv.redis.masterName} = none; required for {@code sentinel}. */
  public static final String DEFAULT_MASTER_NAME = null;

  /** Default {@code kv.redis.prefix} = {@value}: prepended to every key (SPEC §2). */
  public static final String DEFAULT_PREFIX = "edgeroute:";

  /** Default {@code kv.redis.timeout} = 250ms: connect timeout towards Redis. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

  private String type = DEFAULT_TYPE;
  private List<String> endpoints = DEFAULT_ENDPOINTS;
  private String password = DEFAULT_PASSWORD;
  private String masterName = DEFAULT_MASTER_NAME;
  private String prefix = DEFAULT_PREFIX;
  private Duration timeout = DEFAULT_TIMEOUT;

  public RedisKvOptions() {
  }

  public RedisKvOptions(RedisKvOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public RedisKvOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  RedisKvOptions(ConfigReader in, boolean strict) {
    type = in.check("type", in.string("type", DEFAULT_TYPE), DEFAULT_TYPE, Checks.oneOf(TYPES));
    endpoints = in.strings("endpoints", DEFAULT_ENDPOINTS, Checks::redisEndpoint);
    if (endpoints.isEmpty()) {
      in.problem("endpoints", "needs at least one endpoint");
    }
    password = in.optString("password", DEFAULT_PASSWORD);
    masterName = in.optString("masterName", DEFAULT_MASTER_NAME);
    if ("sentinel".equals(type) && masterName == null) {
      in.problem("masterName", "is required when kv.redis.type is sentinel");
    }
    prefix = in.string("prefix", DEFAULT_PREFIX);
    timeout = in.duration("timeout", DEFAULT_TIMEOUT);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public String getType() {
    return type;
  }

  public RedisKvOptions setType(String type) {
    this.type = Checks.check(PATH + ".type", type, Checks.oneOf(TYPES));
    return this;
  }

  public List<String> getEndpoints() {
    return endpoints;
  }

  public RedisKvOptions setEndpoints(List<String> endpoints) {
    this.endpoints = List.copyOf(Checks.check(PATH + ".endpoints", endpoints, Checks.each(Checks::redisEndpoint)));
    return this;
  }

  public String getPassword() {
    return password;
  }

  public RedisKvOptions setPassword(String password) {
    this.password = password;
    return this;
  }

  public String getMasterName() {
    return masterName;
  }

  public RedisKvOptions setMasterName(String masterName) {
    this.masterName = masterName;
    return this;
  }

  public String getPrefix() {
    return prefix;
  }

  public RedisKvOptions setPrefix(String prefix) {
    this.prefix = Checks.check(PATH + ".prefix", prefix, Checks::nonEmpty);
    return this;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public RedisKvOptions setTimeout(Duration timeout) {
    this.timeout = Checks.check(PATH + ".timeout", timeout, Checks::nonNegative);
    return this;
  }

  /** @return client options for these settings: type, endpoints, password, master name (sentinel, master role) and connect timeout */
  @SuppressWarnings("deprecation")
  public RedisOptions toRedisOptions() {
    RedisOptions options = new RedisOptions()
        .setType(RedisClientType.valueOf(type.toUpperCase(Locale.ROOT)))
        .setEndpoints(new ArrayList<>(endpoints));
    if (password != null) {
      options.setPassword(password);
    }
    if ("sentinel".equals(type)) {
      options.setMasterName(masterName).setRole(RedisRole.MASTER);
    }
    options.getNetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    // The client's defaults (6 connections, 24 waiters) refuse bursts a router node sees routinely,
    // such as an admin import or a cold start; commands are short, so a deeper queue only adds
    // latency that the per-command timeout already bounds.
    options.setMaxPoolSize(MAX_POOL_SIZE).setMaxPoolWaiting(MAX_POOL_WAITING).setMaxWaitingHandlers(MAX_POOL_WAITING);
    // The cluster client keeps trying a killed master until its cached slot map expires, even once
    // the replica has taken over: a short cache shortens that tail of a failover (measured: up to
    // 0.9 s with the client's default) for one cheap CLUSTER SLOTS per period under traffic.
    // vertx-redis-client 5.0.10 builds its cluster options from the deprecated hash-slot TTL and
    // ignores the topology TTL, so both are set.
    options.setTopologyCacheTTL(TOPOLOGY_CACHE_TTL_MS);
    options.setHashSlotCacheTTL(TOPOLOGY_CACHE_TTL_MS);
    return options;
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type)
        .put("endpoints", new JsonArray(new ArrayList<>(endpoints)))
        .put("password", password).put("masterName", masterName)
        .put("prefix", prefix).put("timeout", Durations.format(timeout));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RedisKvOptions && toJson().equals(((RedisKvOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** The password is redacted: this string ends up in logs. */
  @Override
  public String toString() {
    return toJson().put("password", password == null ? null : "***").encode();
  }
}
