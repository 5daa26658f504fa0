package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;

/** Block {@code responseCache}: bounds of the response cache (SPEC §6). Live. */
public class ResponseCacheOptions {

  static final String PATH = "responseCache";

  /** Default {@code responseCache.maxBytes} = 256MiB: the whole cache's memory budget. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  /** Default {@code responseCache.maxObjectBytes} = 8MiB: larger responses pass through uncached. */
  public static final long DEFAULT_MAX_OBJECT_BYTES = 8L << 20;

  private long maxBytes = DEFAULT_MAX_BYTES;
  private long maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;

  public ResponseCacheOptions() {
  }

  public ResponseCacheOptions(ResponseCacheOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public ResponseCacheOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  ResponseCacheOptions(ConfigReader in, boolean strict) {
    maxBytes = in.size("maxBytes", DEFAULT_MAX_BYTES);
    maxObjectBytes = in.size("maxObjectBytes", DEFAULT_MAX_OBJECT_BYTES);
    if (maxObjectBytes > maxBytes) {
      in.problem("maxObjectBytes", "must not exceed responseCache.maxBytes (" + Sizes.format(maxBytes) + ")");
    }
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public long getMaxBytes() {
    return maxBytes;
  }

  public ResponseCacheOptions setMaxBytes(long maxBytes) {
    this.maxBytes = Checks.check(PATH + ".maxBytes", maxBytes, Checks.range(0, Long.MAX_VALUE));
    return this;
  }

  public long getMaxObjectBytes() {
    return maxObjectBytes;
  }

  public ResponseCacheOptions setMaxObjectBytes(long maxObjectBytes) {
    this.maxObjectBytes = Checks.check(PATH + ".maxObjectBytes", maxObjectBytes, Checks.range(0, Long.MAX_VALUE));
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("maxBytes", Sizes.format(maxBytes))
        .put("maxObjectBytes", Sizes.format(maxObjectBytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseCacheOptions && toJson().equals(((ResponseCacheOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
