package io.edgeroute.cache;

import io.edgeroute.cache.lookup.Lookup;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a node's caches learn of writes (SPEC §5, §6): the whole invalidation protocol, in one place.
 *
 * <p><b>Transports.</b> The store's change channel ({@code edgeroute:changes}, Redis pub/sub) is
 * authoritative: every writer publishes there after every write, and each node subscribes. The
 * clustered event bus ({@link EventBusAddresses#CLUSTER_CHANGED}) is a second path: a node passes on
 * each change it heard from its own subscription, so that a node whose subscription lags or is
 * reconnecting still hears it from a peer. A change heard from a peer is applied, never passed on,
 * so nothing echoes; a node ignores its own messages.
 *
 * <p><b>Deduplication.</b> A clustered node hears most changes twice (its store, a peer). A change
 * is applied once per {@code (kind, key, version)}, or per purge id ({@link ChangeDeduplicator});
 * a repeat is applied anyway when the cache contradicts it (versions restart at 1 when a site is
 * deleted and created again). Version 0 (a writer that does not version its documents) and purges
 * without an id are applied every time they are heard, which costs a read at most.
 *
 * <p><b>Applying.</b> A message is a hint, never data: a {@code site} or {@code entry} change makes
 * the microcache read the key again (the old value stays as the stale-if-error copy); a {@code
 * purge} removes what it names from the response cache and re-reads the site (a whole-site purge
 * bumps its {@code cacheGeneration}, which is in every response-cache key); {@code site} and {@code
 * cert} changes also go to the {@linkplain #listen listeners} (the routers' certificate cache).
 *
 * <p><b>Missed messages.</b> Pub/sub is fire-and-forget, so a node must catch up by itself. While
 * subscribed, nothing is trusted for long: every cached lookup is read again once it is older than
 * {@code kv.cache.ttl} (the periodic resync of what the node caches), and certificates likewise.
 * When the subscription comes back after a loss, the node assumes it missed changes: every cached
 * lookup is marked outdated (read again at its next use, the old value kept for stale-if-error), and
 * every stored response must be revalidated with the origin before it is served again
 * ({@link ResponseCache#revalidateAll}), since a path, prefix or tag purge announced meanwhile is
 * recorded nowhere else: a conditional request per object after a Redis outage is the price of never
 * serving what a tenant purged. Certificates are left to their TTL: a handshake must not wait for
 * the KV because Redis blinked, and a certificate change delayed by {@code kv.cache.ttl} is harmless.
 *
 * <p>Runs on the cache verticle's event loop; the microcache and response cache are thread-safe.
 */
public final class Invalidation {

  static final long INITIAL_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 2_000;

  private static final Logger LOG = Logger.getLogger(Invalidation.class.getName());

  private final KvStore store;
  private final MicrocacheLoader loader;
  private final Microcache microcache;
  private final ResponseCache responseCache;
  private final ChangeDeduplicator seen = new ChangeDeduplicator();
  private final String nodeId = UUID.randomUUID().toString();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private KvSubscription subscription;
  private MessageConsumer<JsonObject> peers;
  private boolean closed;
  private long backoffMs = INITIAL_BACKOFF_MS;

  private record Listener(Context context, Consumer<KvChange> onChange) {
  }

  /**
   * @param loader        the node's microcache loader
   * @param responseCache the node's response cache, or {@code null} when it has none
   */
  public Invalidation(KvStore store, MicrocacheLoader loader, ResponseCache responseCache) {
    this.store = store;
    this.loader = loader;
    this.microcache = loader.microcache();
    this.responseCache = responseCache;
  }

  /** Also tells {@code onChange}, on {@code context}, of each new {@code site} and {@code cert} change. */
  public void listen(Context context, Consumer<KvChange> onChange) {
    listeners.add(new Listener(context, onChange));
  }

  MicrocacheLoader loader() {
    return loader;
  }

  ResponseCache responseCache() {
    return responseCache;
  }

  /**
   * Starts following changes: the peers' at once, the store's whenever it answers (a store down at
   * start is retried with a doubling backoff; once subscribed, the subscription reconnects by itself).
   *
   * @param vertx the cache verticle's, whose event loop runs the protocol
   * @return completes once the peers' changes are followed across the cluster and the first
   *     attempt to subscribe to the store has ended: subscribed, so that a write published after
   *     the node is up reaches it, or found down (never failed by that: retried in the background)
   */
  public Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    Future<Void> firstAttempt = subscribe();
    peers = vertx.eventBus().consumer(EventBusAddresses.CLUSTER_CHANGED, message -> fromPeer(message.body()));
    return Future.all(peers.completion(), firstAttempt).mapEmpty();
  }

  /** Stops following changes. */
  public Future<Void> close() {
    closed = true;
    return Future.join(peers == null ? Future.succeededFuture() : peers.unregister(),
        subscription == null ? Future.succeededFuture() : subscription.close()).mapEmpty();
  }

  /**
   * Applies {@code change}, heard from this node's own subscription, and tells the peers about it
   * if it was new.
   *
   * @return whether it was new and applied
   */
  boolean fromStore(KvChange change) {
    if (!accept(change)) {
      return false;
    }
    vertx.eventBus().publish(EventBusAddresses.CLUSTER_CHANGED,
        change.toJson().put(EventBusAddresses.CLUSTER_CHANGED_ORIGIN, nodeId));
    return true;
  }

  /**
   * The subscription is back after a loss: changes published meanwhile were missed, so nothing
   * cached is trusted until checked again.
   */
  void resumed() {
    int lookups = loader.outdateAll();
    if (responseCache != null) {
      responseCache.revalidateAll();
    }
    LOG.warning(() -> "change subscription resumed after a loss: " + lookups
        + " cached lookups will be read again and stored responses revalidated before use");
  }

  /** @return completes (never fails) once this attempt has subscribed or failed and scheduled the next */
  private Future<Void> subscribe() {
    return store.subscribe(this::fromStore, this::resumed)
        .onSuccess(active -> {
          if (closed) {
            active.close();
            return;
          }
          subscription = active;
          LOG.fine("subscribed to the change channel");
        })
        .onFailure(e -> {
          if (closed) {
            return;
          }
          long delay = backoffMs;
          backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
          LOG.log(delay == INITIAL_BACKOFF_MS ? Level.WARNING : Level.FINE, () -> "cannot subscribe to changes ("
              + e.getMessage() + "); retrying in " + delay + " ms");
          // Nothing was subscribed yet, so nothing was missed that the caches hold: no resync.
          vertx.setTimer(delay, id -> subscribe());
        })
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void fromPeer(JsonObject body) {
    if (nodeId.equals(body.getString(EventBusAddresses.CLUSTER_CHANGED_ORIGIN))) {
      return;
    }
    KvChange change;
    try {
      change = KvChange.fromJson(body);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "ignoring an unreadable change from a peer: " + body.encode(), e);
      return;
    }
    accept(change);
  }

  /** @return whether {@code change} was new and applied */
  boolean accept(KvChange change) {
    if (!seen.firstTime(change) && reflected(change)) {
      return false;
    }
    apply(change);
    return true;
  }

  /**
   * Whether the cache already shows what a change seen before announces: a repeat the cache
   * contradicts (it holds "absent" or an older version) is a new write.
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
      case SITE -> {
        invalidate(microcache.keys().site(change.key()), change.version());
        notifyListeners(change);
      }
      case ENTRY -> invalidate(entryKey(microcache.keys(), change.key()), change.version());
      case PURGE -> {
        if (responseCache != null) {
          int removed = responseCache.purgeHost(change.key(), change.purge());
          LOG.fine(() -> "purge of " + change.key() + " removed " + removed + " variants");
        }
        // Its version semantics are the response cache's, so the site is simply re-read in place.
        loader.reread(microcache.keys().site(change.key()));
      }
      case CERT -> notifyListeners(change);
    }
  }

  private void invalidate(String key, long version) {
    switch (loader.changed(key, version)) {
      case OUTDATED -> LOG.finest(() -> key + " outdated by version " + version);
      case NOT_CACHED -> { }
      case SAME_VERSION -> LOG.finest(() -> key + " already at version " + version);
      case OLDER_IGNORED -> LOG.fine(() -> "ignoring change of " + key + " to older version " + version);
    }
  }

  private void notifyListeners(KvChange change) {
    for (Listener listener : listeners) {
      listener.context().runOnContext(v -> listener.onChange().accept(change));
    }
  }

  /** {@code <table>:<id>} → the entry key; a table name holds no colon, an id may. */
  private static String entryKey(KvKeys keys, String tableAndId) {
    int colon = tableAndId.indexOf(':');
    return colon < 0 ? keys.entry(tableAndId, "") : keys.entry(tableAndId.substring(0, colon), tableAndId.substring(colon + 1));
  }
}
