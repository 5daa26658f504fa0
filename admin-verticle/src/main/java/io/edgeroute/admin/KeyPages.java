package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvPage;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scans for list endpoints. A store's scan page may be empty while the scan goes on (on Redis
 * Cluster a cursor walks one master after the other, and SCAN may answer nothing for a stretch of
 * empty buckets); a client should not be handed empty pages, so this keeps scanning until it has
 * {@code limit} keys or the scan ends. Pages may still exceed {@code limit} slightly, as SCAN's do.
 */
final class KeyPages {

  private KeyPages() {
  }

  /** @return a future completed with at least {@code limit} keys, or the rest of the scan, and the next cursor */
  static Future<KvPage> scan(KvStore store, String prefix, String cursor, int limit) {
    return collect(store, prefix, cursor, limit, new ArrayList<>());
  }

  /** @return a future completed with the documents of {@code keys} that exist, in order, absent ones left out */
  static Future<List<KvEntry>> readAll(KvStore store, List<String> keys) {
    List<Future<KvEntry>> reads = keys.stream().map(store::get).toList();
    return Future.all(reads).map(all -> reads.stream().map(Future::result).filter(Objects::nonNull).toList());
  }

  private static Future<KvPage> collect(KvStore store, String prefix, String cursor, int limit, List<String> keys) {
    return store.scan(prefix, cursor, limit - keys.size()).compose(page -> {
      keys.addAll(page.keys());
      return page.done() || keys.size() >= limit
          ? Future.succeededFuture(new KvPage(keys, page.next()))
          : collect(store, prefix, page.next(), limit, keys);
    });
  }
}
