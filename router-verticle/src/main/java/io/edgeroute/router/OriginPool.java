package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.http.ChannelAllocator;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.TrustOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The origin connections of one router instance, on its event loop: per {@link OriginKey}, at most
 * {@code router.maxConnectionsPerOrigin} open, the idle ones kept (the most recently used is reused
 * first, so a quiet pool shrinks by the idle timeout), and at most {@code router.maxWaitQueue}
 * requests waiting for one to come free, each for at most {@code router.poolWaitTimeout}.
 *
 * <p>A connection is HTTP/1.1 on Netty's codec, with the router's guards around it ({@link
 * OriginGuard}, {@link OriginChunks}) and {@link OriginConnection} at its end, closed by the idle
 * timeout ({@code router.idleTimeout}) whether it waits in the pool or an origin stalls
 * mid-answer. Use from the owning event loop only.
 */
final class OriginPool {

  private final VertxInternal vertx;
  private final ContextInternal context;
  private final EventLoop loop;
  private final RouterOptions options;
  private final OriginTls tls;
  private final Bootstrap bootstrap;
  private final Map<OriginKey, Group> groups = new HashMap<>();
  private boolean closed;

  /**
   * @param context the router instance's context, whose event loop the connections run on
   * @param trust   {@code router.trustStore}, {@code null} for the JVM's CAs
   */
  OriginPool(ContextInternal context, RouterOptions options, TrustOptions trust) {
    this.vertx = context.owner();
    this.context = context;
    this.loop = context.nettyEventLoop();
    this.options = options;
    this.tls = new OriginTls(vertx, trust, options.getConnectTimeout().toMillis());
    this.bootstrap = new Bootstrap()
        .group(loop)
        .channelFactory(vertx.transport().channelFactory(false))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.getConnectTimeout().toMillis()))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            ChannelAllocator.install(channel);
          }
        });
  }

  /**
   * @return a future completed with a connection to {@code key} that is this caller's until it
   *     gives it back ({@link OriginConnection#finished}); failed with a {@link ConnectionPoolTooBusyException}
   *     when the wait queue is full, a {@link ProxyFailure#poolExhausted} when none came free in
   *     time, or why no connection could be made
   */
  Future<OriginConnection> acquire(OriginKey key) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the origin client was replaced"));
    }
    return groups.computeIfAbsent(key, Group::new).acquire();
  }

  /**
   * Takes no more requests. The idle connections are closed now; each busy one serves the requests
   * already waiting, if any, and is closed when given back after that.
   */
  void close() {
    closed = true;
    for (Group group : groups.values().toArray(Group[]::new)) {
      group.close();
    }
  }

  /** Takes back a connection whose exchange is over: reused, or closed when it may not be. */
  void release(OriginConnection connection, boolean reusable) {
    Group group = groups.get(connection.key);
    if (!reusable || group == null || !connection.channel.isActive()) {
      connection.channel.close();
      return;
    }
    Waiter waiter = group.waiters.poll();
    if (waiter != null) {
      waiter.timer.cancel(false);
      waiter.promise.complete(connection);
    } else if (closed) {
      connection.channel.close();
    } else {
      group.idle.addLast(connection);
    }
  }

  /**
   * A connect to a port of this host where nothing listens can be given that very port as its own
   * (TCP simultaneous open): the socket is then connected to itself, and the request would be read
   * back as its own answer. Taken for what it is, a refused connection (Go's dialer does the same).
   */
  static boolean connectedToItself(Channel channel) {
    SocketAddress local = channel.localAddress();
    return local != null && local.equals(channel.remoteAddress());
  }

  /** A request waiting for a connection to come free, until its timer runs out. */
  private static final class Waiter {
    private final Promise<OriginConnection> promise = Promise.promise();
    private ScheduledFuture<?> timer;
  }

  /** The connections to one key. */
  private final class Group {
    private final OriginKey key;
    private final ArrayDeque<OriginConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Connections open or being opened. */
    private int open;
    /** Set while {@link #acquire} runs: a connection it closes must not make the group forget itself. */
    private boolean acquiring;

    Group(OriginKey key) {
      this.key = key;
    }

    Future<OriginConnection> acquire() {
      acquiring = true;
      try {
        return take();
      } finally {
        acquiring = false;
      }
    }

    private Future<OriginConnection> take() {
      OriginConnection connection;
      while ((connection = idle.pollLast()) != null) {
        if (!connection.expired(System.nanoTime())) {
          return Future.succeededFuture(connection);
        }
        // Its origin is about to close it, or has: a request sent now could be lost with it.
        connection.channel.close();
      }
      if (open < options.getMaxConnectionsPerOrigin()) {
        return connect();
      }
      if (waiters.size() >= options.getMaxWaitQueue()) {
        return Future.failedFuture(new ConnectionPoolTooBusyException(
            "Connection pool reached max wait queue size of " + options.getMaxWaitQueue()));
      }
      long waitMillis = Math.max(1, options.getPoolWaitTimeout().toMillis());
      Waiter waiter = new Waiter();
      waiter.timer = loop.schedule(() -> context.dispatch(v -> {
        if (waiters.remove(waiter)) {
          waiter.promise.fail(ProxyFailure.poolExhausted(new TimeoutException(
              "no connection to " + key.host() + ":" + key.port() + " came free within " + waitMillis + " ms")));
        }
      }), waitMillis, TimeUnit.MILLISECONDS);
      waiters.add(waiter);
      return waiter.promise.future();
    }

    private Future<OriginConnection> connect() {
      open++;
      Promise<OriginConnection> promise = Promise.promise();
      address().onComplete(resolved -> context.dispatch(ignored -> {
        if (resolved.failed()) {
          notOpened(promise, resolved.cause());
          return;
        }
        ChannelFuture connecting = bootstrap.connect(new InetSocketAddress(resolved.result(), key.port()));
        connecting.addListener(done -> context.dispatch(v -> {
          if (!done.isSuccess()) {
            notOpened(promise, done.cause());
            return;
          }
          Channel channel = connecting.channel();
          if (connectedToItself(channel)) {
            channel.close();
            notOpened(promise, new ConnectException("Connection refused: nothing listens on " + channel.remoteAddress()
                + " (the connection was made to itself)"));
            return;
          }
          OriginConnection connection = new OriginConnection(OriginPool.this, context, key, channel);
          // From here the connection counts until its channel closes, whatever happens to it.
          channel.closeFuture().addListener(x -> context.dispatch(y -> closed(connection)));
          pipeline(connection).onComplete(ready -> {
            if (ready.succeeded()) {
              promise.complete(connection);
            } else {
              channel.close();
              promise.fail(ready.cause());
            }
          });
        }));
      }));
      return promise.future();
    }

    /** A connection that never opened no longer counts; a waiter may open one in its place. */
    private void notOpened(Promise<OriginConnection> promise, Throwable failure) {
      open--;
      promise.fail(failure);
      next();
    }

    private void closed(OriginConnection connection) {
      open--;
      idle.remove(connection);
      next();
    }

    /** Opens a connection for the longest waiter, if there is room; forgets this key when unused. */
    private void next() {
      if (!waiters.isEmpty() && open < options.getMaxConnectionsPerOrigin()) {
        Waiter waiter = waiters.poll();
        waiter.timer.cancel(false);
        connect().onComplete(waiter.promise);
      } else if (open == 0 && waiters.isEmpty() && !acquiring) {
        groups.remove(key, this);
      }
    }

    /** @return the address to dial: the literal itself, else the name resolved (never on the event loop's own time) */
    private Future<InetAddress> address() {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(key.host());
      if (literal != null) {
        try {
          return Future.succeededFuture(InetAddress.getByAddress(key.host(), literal));
        } catch (UnknownHostException e) {
          return Future.failedFuture(e);
        }
      }
      return vertx.nameResolver().resolve(key.host());
    }

    /** Puts the codec, the guards and the connection's own handler on its channel; TLS first when asked. */
    private Future<Void> pipeline(OriginConnection connection) {
      Channel channel = connection.channel;
      ChannelPipeline pipeline = channel.pipeline();
      long idleMillis = options.getIdleTimeout().toMillis();
      if (idleMillis > 0) {
        pipeline.addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
      }
      pipeline.addLast(OriginGuard.CODEC, new HttpClientCodec(4096, 8192, OriginClient.MAX_CHUNK_SIZE, false, true, 128));
      OriginGuard.install(pipeline);
      OriginChunks.install(pipeline);
      pipeline.addLast("origin", connection);
      if (!key.tls()) {
        return Future.succeededFuture();
      }
      return tls.handler(channel.alloc(), key).compose(handler -> {
        pipeline.addFirst("ssl", handler);
        Promise<Void> handshake = Promise.promise();
        handler.handshakeFuture().addListener(done -> context.dispatch(v -> {
          if (done.isSuccess()) {
            handshake.complete();
          } else {
            handshake.fail(done.cause());
          }
        }));
        return handshake.future();
      });
    }

    void close() {
      for (OriginConnection connection : idle.toArray(OriginConnection[]::new)) {
        connection.channel.close();
      }
      idle.clear();
    }
  }
}
