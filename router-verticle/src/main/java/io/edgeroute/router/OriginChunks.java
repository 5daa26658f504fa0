package io.edgeroute.router;

import io.edgeroute.shared.http.LentBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lends each large body chunk an origin connection decodes to Vert.x as a {@link LentBuffer}, so
 * it reaches the visitor's socket without a copy to the heap and back. Whoever writes or drops a
 * chunk gives it back ({@link LentBuffer#giveBack}); see there for the chunks Vert.x drops itself.
 * Sits right after the HTTP codec; a tunnel's raw bytes (after a 101) pass untouched.
 */
@ChannelHandler.Sharable
final class OriginChunks extends ChannelInboundHandlerAdapter {

  private static final OriginChunks INSTANCE = new OriginChunks();

  private OriginChunks() {
  }

  /** Lends the chunks of {@code connection}; HTTP/2 connections have no codec and are left alone. */
  static void install(HttpConnection connection) {
    install(((ConnectionBase) connection).channel().pipeline());
  }

  /** Lends the chunks the codec of {@code pipeline} decodes, if it has one. */
  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(OriginGuard.CODEC) != null) {
      pipeline.addAfter(OriginGuard.CODEC, "edgerouteOriginChunks", INSTANCE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpContent content) {
      ByteBuf chunk = content.content();
      ByteBuf lent = LentBuffer.lend(chunk);
      if (lent != chunk) {
        msg = content.replace(lent);
      }
    }
    ctx.fireChannelRead(msg);
  }
}
