package io.edgeroute.shared.config;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Publishing and receiving configuration snapshots on {@link EventBusAddresses#CONFIG_CHANGED}.
 * Both ends are node-local: each node reads its own file, and a snapshot (with its tokens) must
 * never travel to, or be applied by, other cluster members. The snapshot travels as the object
 * itself through a local-only codec: an {@link EdgerouteOptions} is immutable, so every subscriber
 * reads the one the watcher built, with nothing encoded or parsed again.
 */
public final class ConfigChanges {

  private static final String CODEC = "edgeroute.config.snapshot";
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);

  private ConfigChanges() {
  }

  /** Publishes {@code snapshot} to every local subscriber. */
  public static void publish(Vertx vertx, EdgerouteOptions snapshot) {
    registerCodec(vertx);
    vertx.eventBus().publish(EventBusAddresses.CONFIG_CHANGED, snapshot, LOCAL);
  }

  /**
   * Calls {@code handler} with every new snapshot, on the caller's context (register it in a
   * verticle's {@code start} so it runs on that verticle's event loop). Restart-only keys in it
   * keep the values the node started with.
   *
   * @return the consumer; unregister it (or undeploy the verticle) to stop listening
   */
  public static MessageConsumer<EdgerouteOptions> subscribe(Vertx vertx, Handler<EdgerouteOptions> handler) {
    return vertx.eventBus().<EdgerouteOptions>localConsumer(EventBusAddresses.CONFIG_CHANGED,
        msg -> handler.handle(msg.body()));
  }

  /** Once per Vert.x instance; the event bus refuses a second codec of the same name. */
  private static synchronized void registerCodec(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new SnapshotCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Registered by an earlier publish on this Vert.x instance: nothing to do.
    }
  }

  /** Hands the snapshot over as it is; it never leaves the node, so it has no wire form. */
  private static final class SnapshotCodec implements MessageCodec<EdgerouteOptions, EdgerouteOptions> {

    @Override
    public void encodeToWire(Buffer buffer, EdgerouteOptions snapshot) {
      throw new UnsupportedOperationException("configuration snapshots are node-local");
    }

    @Override
    public EdgerouteOptions decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("configuration snapshots are node-local");
    }

    @Override
    public EdgerouteOptions transform(EdgerouteOptions snapshot) {
      return snapshot;
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
