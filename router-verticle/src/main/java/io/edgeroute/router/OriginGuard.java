package io.edgeroute.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Watches one origin connection around its HTTP codec (SPEC §4a, from the origin):
 *
 * <ul>
 *   <li>a 1xx other than 100, 101 and 103 (102 Processing, or any unknown one) is consumed here: Vert.x
 *       would take it for the final answer; 100 and 103 go on to their own handlers;</li>
 *   <li>bytes or a response that arrive when no request is waiting for one mean the last response's
 *       framing lied (more bytes than its Content-Length, a second response): the connection is
 *       closed, so it never goes back to the pool to hand those bytes to an unrelated request;</li>
 *   <li>a head with a field line the codec would guess at ({@link OriginHeadLines}) closes the
 *       connection before the codec reads it: the request waiting for it fails (502).</li>
 * </ul>
 *
 * <p>Residual case: bytes beyond a response that reach the codec merged with an earlier partial read
 * and do not yet form a line stay in the codec; the next request on this connection then fails (502)
 * and the connection is closed.
 */
final class OriginGuard {

  /** Name of Vert.x's HTTP/1 client codec in the origin connection's pipeline. */
  static final String CODEC = "codec";

  private int outstanding;
  /** Final responses ended so far. */
  private long completed;
  private boolean interim;
  private boolean dropping;
  /** Set on a 101: the connection is a tunnel now, its bytes are no longer HTTP. */
  private boolean tunnel;
  private final OriginHeadLines headLines = new OriginHeadLines();

  private OriginGuard() {
  }

  /** Puts a guard around {@code connection}'s codec; HTTP/2 connections have none and are left alone. */
  static void install(HttpConnection connection) {
    install(((ConnectionBase) connection).channel().pipeline());
  }

  /** Puts a guard around the codec of {@code pipeline}, if it has one. */
  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(CODEC) == null) {
      return;
    }
    OriginGuard guard = new OriginGuard();
    pipeline.addBefore(CODEC, "edgerouteOriginBytes", guard.new Bytes());
    pipeline.addAfter(CODEC, "edgerouteOriginMessages", guard.new Messages());
  }

  /** Before the codec: raw bytes while nothing is expected end the connection. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (tunnel || !(msg instanceof ByteBuf bytes)) {
        ctx.fireChannelRead(msg);
        return;
      }
      if ((bytes.isReadable() && outstanding == 0) || !headLines.read(bytes)) {
        bytes.release();
        ctx.close();
        return;
      }
      // The codec decodes straight from this buffer when it holds nothing older; what it leaves
      // unread once the last awaited response has ended is more than that response announced.
      long before = completed;
      bytes.retain();
      try {
        ctx.fireChannelRead(bytes);
        if (completed != before && bytes.isReadable()) {
          ctx.close();
        }
      } finally {
        bytes.release();
      }
    }
  }

  /** After the codec: counts requests and final responses, consumes the 1xx Vert.x would mistake. */
  private final class Messages extends ChannelDuplexHandler {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof HttpRequest) {
        outstanding++;
        headLines.expectHead();
      }
      ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (tunnel) {
        ctx.fireChannelRead(msg);
        return;
      }
      if (msg instanceof HttpResponse response) {
        tunnel = response.status().code() == 101;
        if (outstanding == 0) {
          ReferenceCountUtil.release(msg);
          ctx.close();
          return;
        }
        int code = response.status().code();
        if (code >= 100 && code < 200 && code != 101) {
          interim = true;
          if (code != 100 && code != 103) {
            dropping = true;
            ReferenceCountUtil.release(msg);
            return;
          }
        }
      }
      if (msg instanceof LastHttpContent) {
        if (dropping) {
          dropping = false;
          interim = false;
          ReferenceCountUtil.release(msg);
          return;
        }
        if (interim) {
          // The end of an interim answer has no body to end; Vert.x would take it for the final one's.
          interim = false;
          ReferenceCountUtil.release(msg);
          return;
        } else if (outstanding > 0) {
          outstanding--;
          completed++;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }
}
