package io.edgeroute.cache.lookup;

import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.Future;

/**
 * Reads the routing data a request needs. The router asks one of these for every request, so an
 * implementation answers warm lookups with an already-completed future (no Redis call, no event-bus
 * round trip), as the node's {@link MicrocacheSiteResolver} does.
 */
public interface SiteResolver {

  /**
   * @param host a normalised host, or a wildcard key {@code *.<parent>}
   * @return a future completed with the site stored under exactly that key, or {@code null} when
   *     there is none; failed with {@code KvUnavailableException} when the store cannot answer and
   *     nothing is known about the key
   */
  Future<Site> site(String host);

  /**
   * @return a future completed with the entry {@code id} of {@code table}, or {@code null} when
   *     there is none; failed as {@link #site} when the store cannot answer
   */
  Future<TableEntry> entry(String table, String id);
}
