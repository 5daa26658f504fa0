package io.edgeroute.router.gate;

import io.edgeroute.shared.http.ChannelAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every visitor connection of the node passes here once, as Vert.x's connection handler: it is
 * counted against {@code router.maxConnections} (closed at once beyond it, as a full accept queue
 * would), gets a {@link VisitorGate} in front of its HTTP decoder and allocates through
 * {@link ChannelAllocator}. The count is one per node, shared by the router instances through
 * local shared data.
 */
public final class VisitorConnections implements Shareable {

  private static final String MAP = "edgeroute.router.connections";

  private final AtomicInteger open = new AtomicInteger();

  /** @return the node's one counter of open visitor connections */
  public static VisitorConnections of(Vertx vertx) {
    return vertx.sharedData().<String, VisitorConnections>getLocalMap(MAP)
        .computeIfAbsent("open", k -> new VisitorConnections());
  }

  /** @return how many visitor connections are open on this node */
  public int open() {
    return open.get();
  }

  /**
   * Counts {@code connection} and puts the gate in front of its decoder. Must run inside Vert.x's
   * connection handler: that runs on the channel's event loop before its first byte is read.
   *
   * @param max    the current {@code router.maxConnections}
   * @param clocks the current header and idle timeouts
   */
  public void accept(HttpConnection connection, IntSupplier max, Supplier<GateClocks.Settings> clocks) {
    // Vert.x offers no public hook into the server pipeline; its connections are ConnectionBase.
    Channel channel = ((ConnectionBase) connection).channel();
    if (open.incrementAndGet() > max.getAsInt()) {
      open.decrementAndGet();
      channel.close();
      return;
    }
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    ChannelAllocator.install(channel);
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(VisitorGate.DECODER) != null) {
      pipeline.addBefore(VisitorGate.DECODER, VisitorGate.NAME, new VisitorGate(clocks));
    }
  }
}
