package io.edgeroute.cache.response;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvSubscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.logging.Logger;

/**
 * Brings purges to this node's {@link ResponseCache} (SPEC §6 "on every node"): purge messages
 * from the KV change channel are published on {@link EventBusAddresses#RESPONSE_PURGE}, and what
 * arrives there, from this node or another, is applied. One per node, owned by the cache verticle.
 */
public final class ResponsePurges {

  private static final Logger LOG = Logger.getLogger(ResponsePurges.class.getName());

  private final MessageConsumer<JsonObject> consumer;
  private final KvSubscription subscription;

  private ResponsePurges(MessageConsumer<JsonObject> consumer, KvSubscription subscription) {
    this.consumer = consumer;
    this.subscription = subscription;
  }

  /**
   * @param store the change channel to listen on, or {@code null} to take purges from the event bus only
   * @return completes once the consumer is registered and the channel subscribed
   */
  public static Future<ResponsePurges> start(Vertx vertx, KvStore store, ResponseCache cache) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(EventBusAddresses.RESPONSE_PURGE,
        message -> apply(cache, message.body()));
    Future<KvSubscription> subscribed = store == null ? Future.succeededFuture() : store.subscribe(change -> {
      if (change.kind() == KvChange.Kind.PURGE) {
        vertx.eventBus().publish(EventBusAddresses.RESPONSE_PURGE, change.toJson());
      }
    });
    return consumer.completion().compose(v -> subscribed).map(sub -> new ResponsePurges(consumer, sub));
  }

  private static void apply(ResponseCache cache, JsonObject body) {
    KvChange change;
    try {
      change = KvChange.fromJson(body);
    } catch (IllegalArgumentException e) {
      LOG.warning("ignoring malformed purge message: " + e.getMessage());
      return;
    }
    if (change.kind() == KvChange.Kind.PURGE) {
      int removed = cache.purgeHost(change.key(), change.purge());
      LOG.fine(() -> "purge of " + change.key() + " removed " + removed + " variants");
    }
  }

  /** @return completes when the consumer and the subscription are released */
  public Future<Void> stop() {
    return consumer.unregister().compose(v -> subscription == null ? Future.succeededFuture() : subscription.close());
  }
}
