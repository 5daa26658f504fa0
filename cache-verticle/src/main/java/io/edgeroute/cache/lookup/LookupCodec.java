package io.edgeroute.cache.lookup;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Hands a {@link Lookup} from the cache verticle to a router instance of the same node as the
 * object itself: a lookup is immutable and already decoded, so encoding it to JSON for the reply
 * and decoding the site again on the router's side would be the same work done twice on a miss.
 * Local delivery only: a lookup never leaves the node.
 */
public final class LookupCodec implements MessageCodec<Lookup, Lookup> {

  static final String NAME = "edgeroute.lookup";

  /** Delivery of a lookup reply through this codec. */
  public static final DeliveryOptions REPLY = new DeliveryOptions().setCodecName(NAME).setLocalOnly(true);

  /** Registers the codec on {@code vertx}'s event bus unless a cache verticle of the node already did. */
  public static void registerOn(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new LookupCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // One codec per event bus; a second cache verticle on the same Vert.x shares it.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Lookup lookup) {
    throw new UnsupportedOperationException("a lookup is delivered on its own node only");
  }

  @Override
  public Lookup decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("a lookup is delivered on its own node only");
  }

  @Override
  public Lookup transform(Lookup lookup) {
    return lookup;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
