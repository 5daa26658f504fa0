package io.edgeroute.cache.lookup;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Passes changes between nodes over the clustered event bus ({@link EventBusAddresses#CLUSTER_CHANGED}),
 * so a node applies a change even when its own Redis subscription lags or is reconnecting. Only
 * changes heard from the node's own store are published; those heard from peers (or announced
 * there by an admin API) are applied, not passed on, so nothing echoes. A node usually hears each change twice (its store and a peer): the
 * {@link ChangeFeed} applies it once. Without a cluster the bus is the node's own and its messages
 * are ignored by their origin.
 */
public final class ClusterChangeRelay {

  private static final Logger LOG = Logger.getLogger(ClusterChangeRelay.class.getName());

  private final Vertx vertx;
  private final ChangeFeed feed;
  private final String nodeId = UUID.randomUUID().toString();
  private MessageConsumer<JsonObject> consumer;

  public ClusterChangeRelay(Vertx vertx, ChangeFeed feed) {
    this.vertx = vertx;
    this.feed = feed;
  }

  /**
   * Starts applying the peers' changes; call on the cache verticle's event loop.
   *
   * @return a future completed once the consumer is registered across the cluster
   */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(EventBusAddresses.CLUSTER_CHANGED, msg -> fromPeer(msg.body()));
    return consumer.completion();
  }

  /** Tells the peers about {@code change}, which this node heard from its own store. */
  public void publish(KvChange change) {
    vertx.eventBus().publish(EventBusAddresses.CLUSTER_CHANGED, change.toJson().put(EventBusAddresses.CLUSTER_CHANGED_ORIGIN, nodeId));
  }

  /** Stops applying the peers' changes. */
  public Future<Void> close() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
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
    feed.accept(change);
  }
}
