package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** Block {@code kv.cache}: the microcache of KV reads (SPEC §5). Live. */
public class MicrocacheOptions {

  static final String PATH = "kv.cache";

  /** Default {@code kv.cache.ttl} = 30s: how long a found KV value is served without asking Redis. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  /** Default {@code kv.cache.negativeTtl} = 5s: how long "no such key" is remembered. */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(5);

  /** Default {@code kv.cache.staleIfError} = 24h: how long past its TTL a value is served while Redis is down. */
  public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofHours(24);

  /** Default {@code kv.cache.maxEntries} = 1000000: entries kept before the least used are evicted. */
  public static final long DEFAULT_MAX_ENTRIES = 1_000_000L;

  /**
   * Default {@code kv.cache.lookupTimeout} = 250ms: the longest a request waits for a lookup the
   * cache cannot answer at once; past it, a known key is served stale and an unknown one gets 503.
   */
  public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofMillis(250);

  /** Default {@code kv.cache.snapshotFile} = {@value}: last-known-good lookups, read at start; {@code null} disables it. */
  public static final String DEFAULT_SNAPSHOT_FILE = "data/kv-snapshot.json";

  private Duration ttl = DEFAULT_TTL;
  private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
  private Duration staleIfError = DEFAULT_STALE_IF_ERROR;
  private long maxEntries = DEFAULT_MAX_ENTRIES;
  private Duration lookupTimeout = DEFAULT_LOOKUP_TIMEOUT;
  private String snapshotFile = DEFAULT_SNAPSHOT_FILE;

  public MicrocacheOptions() {
  }

  public MicrocacheOptions(MicrocacheOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public MicrocacheOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  MicrocacheOptions(ConfigReader in, boolean strict) {
    ttl = in.duration("ttl", DEFAULT_TTL);
    negativeTtl = in.duration("negativeTtl", DEFAULT_NEGATIVE_TTL);
    staleIfError = in.duration("staleIfError", DEFAULT_STALE_IF_ERROR);
    maxEntries = in.longValue("maxEntries", DEFAULT_MAX_ENTRIES, 1, Long.MAX_VALUE);
    lookupTimeout = in.duration("lookupTimeout", DEFAULT_LOOKUP_TIMEOUT);
    snapshotFile = in.optString("snapshotFile", DEFAULT_SNAPSHOT_FILE);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public Duration getTtl() {
    return ttl;
  }

  public MicrocacheOptions setTtl(Duration ttl) {
    this.ttl = Checks.check(PATH + ".ttl", ttl, Checks::nonNegative);
    return this;
  }

  public Duration getNegativeTtl() {
    return negativeTtl;
  }

  public MicrocacheOptions setNegativeTtl(Duration negativeTtl) {
    this.negativeTtl = Checks.check(PATH + ".negativeTtl", negativeTtl, Checks::nonNegative);
    return this;
  }

  public Duration getStaleIfError() {
    return staleIfError;
  }

  public MicrocacheOptions setStaleIfError(Duration staleIfError) {
    this.staleIfError = Checks.check(PATH + ".staleIfError", staleIfError, Checks::nonNegative);
    return this;
  }

  public long getMaxEntries() {
    return maxEntries;
  }

  public MicrocacheOptions setMaxEntries(long maxEntries) {
    this.maxEntries = Checks.check(PATH + ".maxEntries", maxEntries, Checks.range(1, Long.MAX_VALUE));
    return this;
  }

  public Duration getLookupTimeout() {
    return lookupTimeout;
  }

  /** @param lookupTimeout the bound; 0 means "never wait": every miss answers from the cache or fails at once */
  public MicrocacheOptions setLookupTimeout(Duration lookupTimeout) {
    this.lookupTimeout = Checks.check(PATH + ".lookupTimeout", lookupTimeout, Checks::nonNegative);
    return this;
  }

  /** @return the snapshot file path, relative to the working directory, or {@code null} for none */
  public String getSnapshotFile() {
    return snapshotFile;
  }

  public MicrocacheOptions setSnapshotFile(String snapshotFile) {
    this.snapshotFile = snapshotFile;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("ttl", Durations.format(ttl))
        .put("negativeTtl", Durations.format(negativeTtl))
        .put("staleIfError", Durations.format(staleIfError))
        .put("maxEntries", maxEntries)
        .put("lookupTimeout", Durations.format(lookupTimeout))
        .put("snapshotFile", snapshotFile);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MicrocacheOptions && toJson().equals(((MicrocacheOptions) o).toJson());
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
