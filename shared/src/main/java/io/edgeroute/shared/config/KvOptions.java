package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Block {@code kv}: where routing data lives. {@code type} and {@code file} are restart-only, as is
 * all of {@code redis}; the microcache ({@code cache}) is live.
 */
public class KvOptions {

  static final String PATH = "kv";
  /** {@code kv.type} of the embedded store, persisted to {@code kv.file}. */
  public static final String TYPE_MEMORY = "memory";
  /** {@code kv.type} of a Redis store described by {@code kv.redis}. */
  public static final String TYPE_REDIS = "redis";
  private static final Set<String> TYPES = Set.of(TYPE_MEMORY, TYPE_REDIS);

  /** Default {@code kv.type} = {@value}: embedded store persisted to {@code kv.file}, no Redis needed. */
  public static final String DEFAULT_TYPE = TYPE_MEMORY;

  /** Default {@code kv.file} = {@value}: the memory store's file, relative to the working directory. */
  public static final String DEFAULT_FILE = "data/kv.json";

  private String type = DEFAULT_TYPE;
  private String file = DEFAULT_FILE;
  private RedisKvOptions redis = new RedisKvOptions();
  private MicrocacheOptions cache = new MicrocacheOptions();

  public KvOptions() {
  }

  public KvOptions(KvOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block and its sub-blocks */
  public KvOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  KvOptions(ConfigReader in, boolean strict) {
    type = in.check("type", in.string("type", DEFAULT_TYPE), DEFAULT_TYPE, Checks.oneOf(TYPES));
    file = in.string("file", DEFAULT_FILE);
    redis = new RedisKvOptions(in.child("redis"), false);
    cache = new MicrocacheOptions(in.child("cache"), false);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  /** @return {@code memory} or {@code redis} */
  public String getType() {
    return type;
  }

  public KvOptions setType(String type) {
    this.type = Checks.check(PATH + ".type", type, Checks.oneOf(TYPES));
    return this;
  }

  public String getFile() {
    return file;
  }

  public KvOptions setFile(String file) {
    this.file = Checks.check(PATH + ".file", file, Checks::nonEmpty);
    return this;
  }

  public RedisKvOptions getRedis() {
    return redis;
  }

  public KvOptions setRedis(RedisKvOptions redis) {
    this.redis = new RedisKvOptions(redis);
    return this;
  }

  public MicrocacheOptions getCache() {
    return cache;
  }

  public KvOptions setCache(MicrocacheOptions cache) {
    this.cache = new MicrocacheOptions(cache);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("type", type).put("file", file)
        .put("redis", redis.toJson()).put("cache", cache.toJson());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvOptions && toJson().equals(((KvOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return new JsonObject().put("type", type).put("file", file).put("redis", redis.toString())
        .put("cache", cache.toJson()).encode();
  }
}
