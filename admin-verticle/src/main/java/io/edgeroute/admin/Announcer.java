package io.edgeroute.admin;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces a write that has already landed in the KV store: on the clustered event bus
 * ({@link EventBusAddresses#CLUSTER_CHANGED}), so every node's microcache, this one's included,
 * applies it without waiting for Redis pub/sub to go round the Redis Cluster; and on the change
 * channel, which every node (and every other writer's reader) listens to. Nodes apply whichever
 * copy arrives first and drop the other.
 *
 * <p>A failed announcement does not fail the write: the document is stored, and every node sees it
 * within the microcache TTL anyway (SPEC §2: a platform that only writes the key gets exactly
 * that). Answering 503 would invite the client to retry a write that succeeded, and a retry with
 * {@code If-None-Match: *} or its old {@code If-Match} would then get 412. The miss is logged.
 */
final class Announcer {

  private static final Logger LOG = Logger.getLogger(Announcer.class.getName());

  private final Vertx vertx;
  private final KvStore store;
  /** Names this admin API as the sender; no cache verticle has this id, so every node applies it. */
  private final String origin = "admin-" + UUID.randomUUID();

  Announcer(Vertx vertx, KvStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** @return a future completed (always) once {@code change} is published or its failure logged */
  Future<Void> announce(KvChange change) {
    vertx.eventBus().publish(EventBusAddresses.CLUSTER_CHANGED,
        change.toJson().put(EventBusAddresses.CLUSTER_CHANGED_ORIGIN, origin));
    return store.publish(change).recover(e -> {
      LOG.log(Level.WARNING, "written but not announced: " + change.toJson().encode()
          + "; nodes pick it up within the microcache TTL", e);
      return Future.succeededFuture();
    });
  }
}
