package io.edgeroute.cache.response;

import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.MultiMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The stored variants, bounded by weight ({@code responseCache.maxBytes}) with least-recently-used
 * eviction, and indexed for purge by site + path, path prefix and tag.
 *
 * <p>An own LRU rather than Caffeine: Caffeine's weighted bound is enforced by asynchronous
 * maintenance, so its total can overshoot for a moment and its removal listener runs later,
 * while the purge indexes must change in the same step as the entries. One lock is taken per
 * operation; each does map work only (no I/O), so the router's event loops hold it for microseconds.
 */
public final class ResponseStore {

  private static final Logger LOG = Logger.getLogger(ResponseStore.class.getName());

  private final LinkedHashMap<EntryKey, CachedResponse> entries = new LinkedHashMap<>(1024, 0.75f, true);
  /** The first lookup level: a primary key's Vary names and stored variants. */
  private final Map<PrimaryKey, Variants> variants = new HashMap<>();
  private final Map<String, SiteIndex> sites = new HashMap<>();
  private long maxBytes;
  private long weightedBytes;

  /** @param maxBytes the bound on {@link #weightedBytes()} */
  public ResponseStore(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * One primary key's stored variants and the {@code Vary} names recorded from the newest of them;
   * the names never change (an origin that changes its {@code Vary} has the old variants removed).
   */
  private static final class Variants {
    /**
     * The key as first stored, which a lookup's variant key is built on: the second level then
     * finds its entry by comparing this key by identity, not field by field again.
     */
    final PrimaryKey primary;
    final List<String> names;
    final Set<EntryKey> keys = new HashSet<>();

    Variants(PrimaryKey primary, List<String> names) {
      this.primary = primary;
      this.names = names;
    }
  }

  /** @return the stored variant a request selects, marking it recently used; {@code null} if none */
  public synchronized CachedResponse find(PrimaryKey primary, MultiMap requestHeaders) {
    Variants known = variants.get(primary);
    if (known == null) {
      return null;
    }
    return entries.get(EntryKey.of(known.primary, known.names, requestHeaders));
  }

  /** @return the key a request would be stored under if the Vary names are known, else a Vary-less one */
  public synchronized EntryKey keyFor(PrimaryKey primary, MultiMap requestHeaders) {
    Variants known = variants.get(primary);
    return EntryKey.of(primary, known == null ? List.of() : known.names, requestHeaders);
  }

  /**
   * Stores a variant, replacing one under the same key. A response of an older generation than
   * one already seen for its site is refused (it was fetched before a whole-site purge); a newer
   * one drops the site's older generations. Evicts least-recently-used entries until the bound holds.
   *
   * @return whether it was stored (false when refused or heavier than the whole bound)
   */
  public synchronized boolean put(CachedResponse response) {
    long weight = response.weight();
    if (weight > maxBytes) {
      return false;
    }
    SiteIndex site = sites.computeIfAbsent(response.siteId(), id -> new SiteIndex(response.generation()));
    if (response.generation() < site.generation) {
      return false;
    }
    if (response.generation() > site.generation) {
      dropGenerationsBefore(response.siteId(), response.generation());
      site = sites.computeIfAbsent(response.siteId(), id -> new SiteIndex(response.generation()));
      site.generation = response.generation();
    }
    PrimaryKey primary = response.key().primary();
    Variants known = variants.get(primary);
    if (known != null && !known.names.equals(response.varyNames())) {
      // The origin changed its Vary: variants selected by the old names can no longer be found.
      removeAll(new ArrayList<>(known.keys));
    }
    remove(response.key());
    entries.put(response.key(), response);
    weightedBytes += weight;
    variants.computeIfAbsent(primary, p -> new Variants(p, response.varyNames())).keys.add(response.key());
    site.add(response);
    evict();
    return true;
  }

  /**
   * Removes what the spec names for one site: exact paths (any query and variant), path prefixes
   * ({@code /blog/*} and {@code /blog/} both mean "under /blog/"), tags, or everything.
   *
   * @return how many variants were removed
   */
  public synchronized int purge(String siteId, PurgeSpec spec) {
    SiteIndex site = sites.get(siteId);
    if (site == null) {
      return 0;
    }
    Set<EntryKey> doomed = new HashSet<>();
    if (spec.all()) {
      doomed.addAll(site.allKeys());
    }
    for (String path : spec.paths()) {
      doomed.addAll(site.byPath.getOrDefault(path, Set.of()));
    }
    for (String prefix : spec.prefixes()) {
      String p = prefix.endsWith("*") ? prefix.substring(0, prefix.length() - 1) : prefix;
      site.byPath.forEach((path, keys) -> {
        if (path.startsWith(p)) {
          doomed.addAll(keys);
        }
      });
    }
    for (String tag : spec.tags()) {
      doomed.addAll(site.byTag.getOrDefault(tag, Set.of()));
    }
    removeAll(doomed);
    LOG.fine(() -> "purged " + doomed.size() + " variants of site " + siteId);
    return doomed.size();
  }

  /**
   * Frees the entries of a site's older generations: after a whole-site purge they can never be
   * selected again because the generation is part of their key.
   *
   * @return how many variants were removed
   */
  public synchronized int dropGenerationsBefore(String siteId, long generation) {
    SiteIndex site = sites.get(siteId);
    if (site == null) {
      return 0;
    }
    List<EntryKey> old = new ArrayList<>();
    for (EntryKey key : site.allKeys()) {
      if (key.primary().generation() < generation) {
        old.add(key);
      }
    }
    removeAll(old);
    site = sites.computeIfAbsent(siteId, id -> new SiteIndex(generation));
    site.generation = Math.max(site.generation, generation);
    return old.size();
  }

  /**
   * Removes every stored variant of one primary key.
   *
   * @return how many variants were removed
   */
  public synchronized int removeAll(PrimaryKey primary) {
    Variants known = variants.get(primary);
    List<EntryKey> keys = known == null ? List.of() : new ArrayList<>(known.keys);
    removeAll(keys);
    return keys.size();
  }

  /** Changes the bound; a lower one evicts at once. */
  public synchronized void setMaxBytes(long newMaxBytes) {
    maxBytes = newMaxBytes;
    evict();
  }

  /** @return the summed {@link CachedResponse#weight()} of what is stored; never above the bound */
  public synchronized long weightedBytes() {
    return weightedBytes;
  }

  public synchronized long maxBytes() {
    return maxBytes;
  }

  /** @return how many variants are stored */
  public synchronized int size() {
    return entries.size();
  }

  /** @return whether anything is stored under the primary key */
  public synchronized boolean contains(PrimaryKey primary) {
    return variants.containsKey(primary);
  }

  private void evict() {
    Iterator<Map.Entry<EntryKey, CachedResponse>> eldest = entries.entrySet().iterator();
    while (weightedBytes > maxBytes && eldest.hasNext()) {
      CachedResponse victim = eldest.next().getValue();
      eldest.remove();
      unindex(victim);
    }
  }

  private void removeAll(Iterable<EntryKey> keys) {
    for (EntryKey key : keys) {
      remove(key);
    }
  }

  private void remove(EntryKey key) {
    CachedResponse old = entries.remove(key);
    if (old != null) {
      unindex(old);
    }
  }

  private void unindex(CachedResponse response) {
    weightedBytes -= response.weight();
    PrimaryKey primary = response.key().primary();
    Variants known = variants.get(primary);
    if (known != null) {
      known.keys.remove(response.key());
      if (known.keys.isEmpty()) {
        variants.remove(primary);
      }
    }
    SiteIndex site = sites.get(response.siteId());
    if (site != null) {
      site.remove(response);
    }
  }
}
