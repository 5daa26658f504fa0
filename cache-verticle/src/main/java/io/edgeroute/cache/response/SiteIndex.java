package io.edgeroute.cache.response;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One site's purge indexes inside {@link ResponseStore}; guarded by the store's lock. */
final class SiteIndex {

  /** The newest {@code cacheGeneration} stored for the site; older ones are refused. */
  long generation;
  final Map<String, Set<EntryKey>> byPath = new HashMap<>();
  final Map<String, Set<EntryKey>> byTag = new HashMap<>();

  SiteIndex(long generation) {
    this.generation = generation;
  }

  void add(CachedResponse response) {
    byPath.computeIfAbsent(response.path(), p -> new HashSet<>()).add(response.key());
    for (String tag : response.tags()) {
      byTag.computeIfAbsent(tag, t -> new HashSet<>()).add(response.key());
    }
  }

  void remove(CachedResponse response) {
    removeFrom(byPath, response.path(), response.key());
    for (String tag : response.tags()) {
      removeFrom(byTag, tag, response.key());
    }
  }

  Set<EntryKey> allKeys() {
    Set<EntryKey> all = new HashSet<>();
    byPath.values().forEach(all::addAll);
    return all;
  }

  private static void removeFrom(Map<String, Set<EntryKey>> index, String name, EntryKey key) {
    Set<EntryKey> keys = index.get(name);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        index.remove(name);
      }
    }
  }
}
