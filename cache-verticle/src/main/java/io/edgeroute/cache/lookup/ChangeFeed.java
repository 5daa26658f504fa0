package io.edgeroute.cache.lookup;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Push invalidation (SPEC §5): listens on the store's change channel, applies each change to the
 * {@link Microcache} once (duplicates, e.g. the same change heard again from a cluster peer, are
 * dropped by {@link ChangeDeduplicator}) and then publishes it on
 * {@link EventBusAddresses#KV_CHANGED} for the other consumers of the node (the response cache
 * purges on it). The microcache is shared by the node's routers, so applying it here is applying it
 * for all of them; the event-bus message is for everything else that cares.
 *
 * <p>Once active, the store's subscription reconnects by itself; the first subscribe, though, fails
 * when the store is down at start, so this retries it with a doubling backoff until it succeeds or
 * the feed is closed. Runs on the cache verticle's event loop.
 */
public final class ChangeFeed {

  static final long INITIAL_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 2_000;

  private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  private final KvStore store;
  private final Microcache microcache;
  private final MicrocacheLoader loader;
  private final ChangeDeduplicator seen = new ChangeDeduplicator();
  private KvSubscription subscription;
  private Consumer<KvChange> onNewFromStore = change -> { };
  private boolean closed;
  private long backoffMs = INITIAL_BACKOFF_MS;

  public ChangeFeed(Vertx vertx, KvStore store, Microcache microcache, MicrocacheLoader loader) {
    this.vertx = vertx;
    this.store = store;
    this.microcache = microcache;
    this.loader = loader;
  }

  /** Also hands every new change heard from the store to {@code listener} (the cluster relay). */
  public void onNewFromStore(Consumer<KvChange> listener) {
    onNewFromStore = listener;
  }

  /** Starts subscribing; returns at once, the subscription becoming active whenever the store answers. */
  public void start() {
    store.subscribe(this::fromStore)
        .onSuccess(active -> {
          if (closed) {
            active.close();
            return;
          }
          subscription = active;
          LOG.fine("microcache subscribed to the change channel");
        })
        .onFailure(e -> {
          if (closed) {
            return;
          }
          long delay = backoffMs;
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
          LOG.log(delay == INITIAL_BACKOFF_MS ? Level.WARNING : Level.FINE, () -> "cannot subscribe to changes ("
              + e.getMessage() + "); retrying in " + delay + " ms");
          vertx.setTimer(delay, id -> start());
        });
  }

  /** Stops listening. */
  public Future<Void> close() {
    closed = true;
    return subscription == null ? Future.succeededFuture() : subscription.close();
  }

  /** A change from the node's own subscription: applied, and passed on if it was new. */
  void fromStore(KvChange change) {
    if (accept(change)) {
      onNewFromStore.accept(change);
    }
  }

  /**
   * Applies {@code change} to the cache and tells the node, unless it was accepted before. Every
   * source of changes (the Redis channel; once clustered, the peers) goes through here. Call it on
   * the cache verticle's event loop.
   *
   * @return whether the change was new and applied
   */
  public boolean accept(KvChange change) {
    if (!seen.firstTime(change) && reflected(change)) {
      return false;
    }
    apply(change);
    vertx.eventBus().publish(EventBusAddresses.KV_CHANGED, change.toJson(), LOCAL);
    return true;
  }

  /**
   * Whether the cache already shows what a change seen before announces. A repeated (kind, key,
   * version) is usually the same change heard twice; but versions restart at 1 when a site is
   * deleted and created again, so a repeat that the cache contradicts (it holds "absent" or an
   * older version) is a new write and is applied.
   */
  private boolean reflected(KvChange change) {
    if (change.kind() == KvChange.Kind.PURGE) {
      return true;
    }
    if (change.kind() == KvChange.Kind.CERT) {
      // Nothing here shows a certificate's version, and reloading one twice costs one KV read.
      return false;
    }
    String key = change.kind() == KvChange.Kind.SITE ? microcache.keys().site(change.key())
        : entryKey(microcache.keys(), change.key());
    Lookup cached = microcache.cached(key);
    return cached == null || cached.outdated()
        || (!cached.negative() && cached.version() >= change.version());
  }

  private void apply(KvChange change) {
    switch (change.kind()) {
      case SITE -> invalidate(microcache.keys().site(change.key()), change.version());
      case ENTRY -> invalidate(entryKey(microcache.keys(), change.key()), change.version());
      // A purge of the whole site bumps its cacheGeneration; its version semantics are the response
      // cache's, so the site is simply re-read in place rather than compared.
      case PURGE -> loader.reread(microcache.keys().site(change.key()));
      // Certificates are not microcached: the router's certificate cache follows KV_CHANGED.
      case CERT -> { }
    }
  }

  private void invalidate(String key, long version) {
    // The loader re-reads an outdated lookup, and a read under way that may predate the write.
    switch (loader.changed(key, version)) {
      case OUTDATED -> microcache.counters().invalidations.increment();
      case NOT_CACHED -> { }
      case SAME_VERSION -> LOG.finest(() -> key + " already at version " + version);
      case OLDER_IGNORED -> LOG.fine(() -> "ignoring change of " + key + " to older version " + version);
    }
  }

  /** {@code <table>:<id>} → the entry key; a table name holds no colon, an id may. */
  private static String entryKey(KvKeys keys, String tableAndId) {
    int colon = tableAndId.indexOf(':');
    return colon < 0 ? keys.entry(tableAndId, "") : keys.entry(tableAndId.substring(0, colon), tableAndId.substring(colon + 1));
  }
}
