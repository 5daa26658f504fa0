package io.edgeroute.cache.response;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.logging.Logger;

/**
 * Brings purges to this node's {@link ResponseCache} (SPEC §6 "on every node"): it applies the purge
 * changes published on {@link EventBusAddresses#KV_CHANGED}. The node's change feed publishes there
 * each change once, whether heard from the KV change channel or from another node over the
 * clustered event bus, so a purge reaches every node even when one of the two paths fails, and is
 * applied once. One per node, owned by the cache verticle.
 */
public final class ResponsePurges {

  private static final Logger LOG = Logger.getLogger(ResponsePurges.class.getName());

  private final MessageConsumer<JsonObject> consumer;

  private ResponsePurges(MessageConsumer<JsonObject> consumer) {
    this.consumer = consumer;
  }

  /** @return completes once the consumer is registered */
  public static Future<ResponsePurges> start(Vertx vertx, ResponseCache cache) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(EventBusAddresses.KV_CHANGED,
        message -> apply(cache, message.body()));
    return consumer.completion().map(v -> new ResponsePurges(consumer));
  }

  private static void apply(ResponseCache cache, JsonObject body) {
    KvChange change;
    try {
      change = KvChange.fromJson(body);
    } catch (IllegalArgumentException e) {
      LOG.warning("ignoring malformed change message: " + e.getMessage());
      return;
    }
    if (change.kind() == KvChange.Kind.PURGE) {
      int removed = cache.purgeHost(change.key(), change.purge());
      LOG.fine(() -> "purge of " + change.key() + " removed " + removed + " variants");
    }
  }

  /** @return completes when the consumer is released */
  public Future<Void> stop() {
    return consumer.unregister();
  }
}
