package io.edgeroute.shared.kv;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One subscription to the change channel on a dedicated connection, kept alive by hand: a Redis
 * connection in subscribe mode does not reconnect by itself, so when it fails or ends this opens a
 * new one (trying the configured endpoints in turn, waiting {@link #INITIAL_BACKOFF_MS} doubling up
 * to {@link #MAX_BACKOFF_MS} between attempts) and subscribes again, until {@link #close()}.
 *
 * <p>Where it connects: standalone, one of the endpoints; cluster, any one node of the endpoints
 * list, since a cluster forwards every PUBLISH to all nodes; sentinel, the current master as the
 * sentinels report it. All state changes run on the subscriber's context, so no locking is needed.
 */
final class RedisSubscriber implements KvSubscription {

  static final long INITIAL_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 2_000;

  private static final Logger LOG = Logger.getLogger(RedisSubscriber.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final List<RedisOptions> targets;
  private final String channel;
  private final long timeoutMs;
  private final Handler<KvChange> handler;
  private final Runnable onResumed;
  private final Promise<KvSubscription> firstActive = Promise.promise();

  private volatile boolean closed;
  private Redis client;
  private long attempt;
  private int target;
  private int failedAttempts;
  private long backoffMs = INITIAL_BACKOFF_MS;

  private RedisSubscriber(Vertx vertx, Context context, RedisOptions options, String channel,
      Duration timeout, Handler<KvChange> handler, Runnable onResumed) {
    this.vertx = vertx;
    this.context = context;
    this.targets = targets(options);
    this.channel = channel;
    this.timeoutMs = timeout.toMillis();
    this.handler = handler;
    this.onResumed = onResumed;
  }

  /**
   * Starts a subscription delivering on the caller's context.
   *
   * @param onResumed run on that context each time the subscription is active again after a loss
   *
   * @return a future completed once the first SUBSCRIBE succeeded; failed with
   *     {@link KvUnavailableException} when no endpoint could be subscribed to on the first round
   *     (the caller then holds nothing to close, so no retrying goes on behind its back)
   */
  static Future<KvSubscription> start(Vertx vertx, RedisOptions options, String channel, Duration timeout,
      Handler<KvChange> handler, Runnable onResumed) {
    Context context = vertx.getOrCreateContext();
    RedisSubscriber subscriber = new RedisSubscriber(vertx, context, options, channel, timeout, handler, onResumed);
    context.runOnContext(v -> subscriber.connect());
    return subscriber.firstActive.future();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> release().onComplete(done));
    return done.future();
  }

  private void connect() {
    if (closed) {
      return;
    }
    // Every callback of this attempt carries its number; once the attempt is given up, late
    // callbacks (an end after an exception, a SUBSCRIBE reply after a drop) are ignored, so one
    // loss schedules exactly one retry.
    long attemptNo = ++attempt;
    RedisOptions options = targets.get(target);
    client = Redis.createClient(vertx, options);
    client.connect()
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .compose(conn -> {
          conn.handler(this::onPush);
          conn.exceptionHandler(e -> lost(attemptNo, e));
          conn.endHandler(v -> lost(attemptNo, new IllegalStateException("connection closed")));
          return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).timeout(timeoutMs, TimeUnit.MILLISECONDS);
        })
        .onSuccess(ok -> {
          if (attemptNo != attempt || closed) {
            return;
          }
          if (failedAttempts > 0) {
            LOG.info(() -> "re-subscribed to " + channel + " via " + options.getEndpoint());
          }
          failedAttempts = 0;
          backoffMs = INITIAL_BACKOFF_MS;
          if (!firstActive.tryComplete(this)) {
            // Active again after a loss: whatever was published meanwhile is gone. Told on the
            // subscriber's context, like the changes.
            context.runOnContext(v -> onResumed.run());
          }
        })
        .onFailure(e -> lost(attemptNo, e));
  }

  /** The attempt {@code attemptNo} failed or its connection dropped: drop it and try again. */
  private void lost(long attemptNo, Throwable cause) {
    if (attemptNo != attempt || closed) {
      return;
    }
    attempt++;
    String endpoint = targets.get(target).getEndpoint();
    release();
    retry(endpoint, cause);
  }

  private void retry(String endpoint, Throwable cause) {
    if (closed) {
      return;
    }
    failedAttempts++;
    if (!firstActive.future().isComplete() && failedAttempts >= targets.size()) {
      closed = true;
      firstActive.fail(new KvUnavailableException("cannot subscribe to " + channel + " (last tried "
          + endpoint + "): " + cause.getMessage(), cause));
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    // The next endpoint: a dead node must not keep the subscription away from live ones.
    target = (target + 1) % targets.size();
    LOG.log(failedAttempts == 1 ? Level.WARNING : Level.FINE, () -> "subscription to " + channel + " lost via "
        + endpoint + " (" + cause.getMessage() + "); retrying in " + delay + " ms");
    vertx.setTimer(delay, id -> connect());
  }

  private void onPush(Response push) {
    // Subscribe confirmations and other pushes share this handler; only messages carry changes.
    boolean array = push.type() == ResponseType.PUSH || push.type() == ResponseType.MULTI;
    if (closed || !array || push.size() < 3 || !"message".equals(push.get(0).toString()) || !channel.equals(push.get(1).toString())) {
      return;
    }
    String payload = push.get(2).toString();
    KvChange change;
    try {
      change = KvChange.fromJson(new JsonObject(payload));
    } catch (RuntimeException e) {
      LOG.warning(() -> "ignoring malformed change message on " + channel + ": " + payload + " (" + e.getMessage() + ")");
      return;
    }
    if (Vertx.currentContext() == context) {
      handler.handle(change);
    } else {
      context.runOnContext(v -> handler.handle(change));
    }
  }

  private Future<Void> release() {
    Redis c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.close();
  }

  private static List<RedisOptions> targets(RedisOptions options) {
    if (options.getType() == RedisClientType.SENTINEL) {
      // The sentinel client resolves the master on every connect, which is what a failover needs.
      return List.of(new RedisOptions(options));
    }
    return options.getEndpoints().stream().map(e -> RedisNodes.standalone(options, e)).toList();
  }
}
