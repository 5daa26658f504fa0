package io.edgeroute.router;

import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSiteResolver;
import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * The production resolver for router tests that are not about caching lookups: the node's
 * {@link MicrocacheSiteResolver} and {@link MicrocacheLoader}, over a microcache whose TTLs are zero,
 * so that every lookup reads the store and a test that writes a site sees it at its next request.
 * The microcache's own behaviour is tested by {@code MicrocacheTestBase} with the real cache verticle.
 */
public final class ReadThroughResolver {

  private ReadThroughResolver() {
  }

  public static SiteResolver of(Vertx vertx, KvStore store, KvKeys keys) {
    MicrocacheOptions options = new MicrocacheOptions().setTtl(Duration.ZERO).setNegativeTtl(Duration.ZERO)
        .setSnapshotFile(null);
    return new MicrocacheSiteResolver(vertx, new MicrocacheLoader(store, new Microcache(keys, options)));
  }
}
