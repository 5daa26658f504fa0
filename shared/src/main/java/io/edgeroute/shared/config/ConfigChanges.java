package io.edgeroute.shared.config;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishing and receiving configuration snapshots on {@link EventBusAddresses#CONFIG_CHANGED}.
 * Both ends are node-local: each node reads its own file, and a snapshot (with its tokens) must
 * never travel to, or be applied by, other cluster members.
 */
public final class ConfigChanges {

  private static final Logger LOG = Logger.getLogger(ConfigChanges.class.getName());
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private ConfigChanges() {
  }

  /** Publishes {@code snapshot.toJson()} to every local subscriber. */
  public static void publish(Vertx vertx, EdgerouteOptions snapshot) {
    vertx.eventBus().publish(EventBusAddresses.CONFIG_CHANGED, snapshot.toJson(), LOCAL);
  }

  /**
   * Calls {@code handler} with every new snapshot, on the caller's context (register it in a
   * verticle's {@code start} so it runs on that verticle's event loop). Restart-only keys in it
   * keep the values the node started with.
   *
   * @return the consumer; unregister it (or undeploy the verticle) to stop listening
   */
  public static MessageConsumer<JsonObject> subscribe(Vertx vertx, Handler<EdgerouteOptions> handler) {
    return vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.CONFIG_CHANGED, msg -> {
      EdgerouteOptions snapshot;
      try {
        snapshot = new EdgerouteOptions(msg.body());
      } catch (InvalidConfigException e) {
        // Cannot happen for snapshots the watcher published; say so loudly if someone else did.
        LOG.log(Level.SEVERE, "ignoring an invalid snapshot on " + EventBusAddresses.CONFIG_CHANGED + ": " + e.getMessage());
        return;
      }
      handler.handle(snapshot);
    });
  }
}
