package io.edgeroute.cache.lookup;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.Site;
import io.edgeroute.shared.model.TableEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** A {@link SiteResolver} that reads the store on every call: no caching at all. */
public final class KvSiteResolver implements SiteResolver {

  private final KvStore store;
  private final KvKeys keys;

  public KvSiteResolver(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  @Override
  public Future<Site> site(String host) {
    return store.get(keys.site(host)).map(entry -> entry == null ? null : decodeSite(host, entry));
  }

  @Override
  public Future<TableEntry> entry(String table, String id) {
    return store.get(keys.entry(table, id)).map(entry -> entry == null ? null : decodeEntry(entry));
  }

  /**
   * The key is the truth for the host: a document written directly by a platform may omit it.
   *
   * @throws InvalidRoutingDataException when the stored value is not a readable site
   */
  public static Site decodeSite(String host, KvEntry entry) {
    try {
      return Site.fromJson(new JsonObject(entry.value())).withHost(host);
    } catch (RuntimeException e) {
      throw new InvalidRoutingDataException(entry.key(), e);
    }
  }

  /** @throws InvalidRoutingDataException when the stored value is not a readable entry */
  public static TableEntry decodeEntry(KvEntry entry) {
    try {
      return TableEntry.fromJson(new JsonObject(entry.value()));
    } catch (RuntimeException e) {
      throw new InvalidRoutingDataException(entry.key(), e);
    }
  }
}
