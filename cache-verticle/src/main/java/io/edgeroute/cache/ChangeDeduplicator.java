package io.edgeroute.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.edgeroute.shared.kv.KvChange;

import java.time.Duration;

/**
 * Lets each change through once. A clustered node hears the same change twice, from its own Redis
 * subscription and from a peer over the clustered event bus; applying it twice would cost a second
 * Redis read and, relayed again, could echo between nodes forever.
 *
 * <p>Identity is {@code (kind, key, version)}, and for a purge its id (two purges of one site
 * share the site's version; a purge without an id always passes). Changes with version 0 always pass: a writer that does
 * not version its documents announces every write with 0, so two of them are not the same change,
 * and applying one twice costs a read at most. Remembered changes are bounded in number and age:
 * a duplicate arrives within moments of the original (Redis pub/sub never replays a message
 * later), so a short memory also keeps a version reused after a delete from looking like one.
 * {@link Invalidation} still checks a repeat against the cache before dropping it.
 */
final class ChangeDeduplicator {

  /** How many recent changes are remembered. */
  static final long MAX_REMEMBERED = 100_000;
  /** How long a change is remembered. */
  static final Duration REMEMBERED_FOR = Duration.ofSeconds(10);

  private final Cache<String, Boolean> seen = Caffeine.newBuilder()
      .maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBERED_FOR).build();

  /** @return whether {@code change} is new, remembering it; false when it was seen already */
  boolean firstTime(KvChange change) {
    if (change.kind() == KvChange.Kind.PURGE) {
      return change.id() == null || seen.asMap().putIfAbsent("purge|" + change.id(), Boolean.TRUE) == null;
    }
    if (change.version() == 0) {
      return true;
    }
    String id = change.kind().wire() + '|' + change.version() + '|' + change.key();
    return seen.asMap().putIfAbsent(id, Boolean.TRUE) == null;
  }
}
