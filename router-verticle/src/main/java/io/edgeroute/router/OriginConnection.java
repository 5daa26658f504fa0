package io.edgeroute.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 connection to an origin, the last handler of its pipeline ({@link OriginPool}): it
 * carries one {@link OriginCall} at a time and hands it what the codec decodes, on the router
 * instance's context (so Vert.x code downstream finds it current). Anything that arrives while no
 * call is waiting closes the connection ({@link OriginGuard} closes it for bytes first). Use from
 * the connection's event loop only.
 */
final class OriginConnection extends ChannelInboundHandlerAdapter {

  final OriginKey key;
  final Channel channel;
  private final OriginPool pool;
  private final ContextInternal context;
  private final Handler<Object> read = this::read;
  private OriginCall call;
  /** {@link System#nanoTime} after which the origin may have closed this idle connection. */
  private long reusableUntil;

  OriginConnection(OriginPool pool, ContextInternal context, OriginKey key, Channel channel) {
    this.pool = pool;
    this.context = context;
    this.key = key;
    this.channel = channel;
  }

  /** @return a new exchange on this connection, which is the caller's until the exchange ends */
  OriginCall call() {
    call = new OriginCall(this);
    return call;
  }

  /**
   * The exchange {@code ended} is over: the connection goes back to its pool, or is closed when it
   * may not be reused.
   *
   * @param reuseMillis how long the origin keeps the connection for another request ({@link OriginKeepAlive})
   */
  void finished(OriginCall ended, long reuseMillis) {
    if (call != ended) {
      return;
    }
    call = null;
    if (!channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
    boolean reusable = reuseMillis != OriginKeepAlive.NONE;
    if (reusable) {
      reusableUntil = reuseMillis == OriginKeepAlive.UNBOUNDED ? Long.MAX_VALUE
          : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reuseMillis);
    }
    pool.release(this, reusable);
  }

  /** @return whether the origin may already have closed this idle connection (its keep-alive timeout is nearly over) */
  boolean expired(long now) {
    return reusableUntil != Long.MAX_VALUE && now - reusableUntil >= 0;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    context.dispatch(msg, read);
  }

  private void read(Object msg) {
    OriginCall current = call;
    if (current == null) {
      ReferenceCountUtil.release(msg);
      channel.close();
      return;
    }
    current.read(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    OriginCall current = call;
    if (current != null) {
      context.dispatch(v -> current.closed());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    OriginCall current = call;
    if (current != null && channel.isWritable()) {
      context.dispatch(v -> current.writable());
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      // router.idleTimeout: nothing went either way for that long, in the pool or mid-answer.
      fail(new TimeoutException("the origin connection was idle too long"));
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset, a TLS failure, a write to a closed socket: the connection is done for either way.
    fail(cause);
    ctx.close();
  }

  private void fail(Throwable cause) {
    OriginCall current = call;
    if (current != null) {
      context.dispatch(v -> current.fail(cause));
    }
  }
}
