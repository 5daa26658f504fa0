package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store on Redis ({@code kv.type = redis}): standalone, cluster or sentinel, as the
 * {@link RedisOptions} say. Every command touches one key, except {@link #getAll}'s {@code MGET}
 * on standalone and sentinel Redis (a cluster refuses one across hash slots and vertx-redis-client
 * 5.0 answers a split one out of order, so there it reads one key after the other); each takes at most the
 * command timeout, and fails with {@link KvUnavailableException} when Redis cannot be
 * reached. Compare-and-set runs as a Lua script on the server ({@link RedisScripts}).
 */
public final class RedisKvStore implements KvStore {

  private final Vertx vertx;
  private final RedisOptions options;
  private final KvKeys keys;
  private final Duration commandTimeout;
  private final Redis client;
  private final RedisCommands commands;
  private final RedisScripts scripts;
  private final RedisNodes nodes;
  private final RedisScanner scanner;
  private final Set<KvSubscription> subscriptions = ConcurrentHashMap.newKeySet();

  private RedisKvStore(Vertx vertx, RedisOptions options, KvKeys keys, Duration commandTimeout) {
    this.vertx = vertx;
    this.options = new RedisOptions(options);
    this.keys = keys;
    this.commandTimeout = commandTimeout;
    this.client = Redis.createClient(vertx, this.options);
    this.commands = new RedisCommands(commandTimeout);
    this.scripts = new RedisScripts(commands);
    this.nodes = new RedisNodes(vertx, this.options);
    this.scanner = new RedisScanner(client, this.options, nodes, commands);
  }

  /**
   * Creates the store; nothing is connected until the first command (use {@link #ping()} to check).
   *
   * @param options type ({@code STANDALONE}, {@code CLUSTER}, {@code SENTINEL}), endpoints and
   *     credentials; copied
   * @param commandTimeout the longest any one command may take before it fails as unavailable
   */
  public static RedisKvStore create(Vertx vertx, RedisOptions options, KvKeys keys, Duration commandTimeout) {
    return new RedisKvStore(vertx, options, keys, commandTimeout);
  }

  @Override
  public Future<KvEntry> get(String key) {
    return commands.send(client, Request.cmd(Command.GET).arg(key), "GET " + key)
        .map(reply -> reply == null ? null : KvEntry.of(key, reply.toString()));
  }

  /** One {@code MGET}, except on a cluster (see the class comment). */
  @Override
  public Future<List<KvEntry>> getAll(List<String> keys) {
    if (keys.isEmpty() || options.getType() == RedisClientType.CLUSTER) {
      return KvStore.super.getAll(keys);
    }
    Request mget = Request.cmd(Command.MGET);
    keys.forEach(mget::arg);
    return commands.send(client, mget, "MGET of " + keys.size() + " keys").map(reply -> {
      List<KvEntry> entries = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        Response value = reply.get(i);
        entries.add(value == null ? null : KvEntry.of(keys.get(i), value.toString()));
      }
      return entries;
    });
  }

  @Override
  public Future<Void> put(String key, String value, long expectedVersion) {
    return valid(expectedVersion)
        .compose(v -> scripts.run(client, RedisScripts.PUT, key, Long.toString(expectedVersion), value))
        .compose(reply -> status(reply, key, expectedVersion))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> delete(String key, long expectedVersion) {
    return valid(expectedVersion)
        .compose(v -> scripts.run(client, RedisScripts.DELETE, key, Long.toString(expectedVersion)))
        .compose(reply -> status(reply, key, expectedVersion))
        .map(status -> status == RedisScripts.WRITTEN);
  }

  @Override
  public Future<KvPage> scan(String prefix, String cursor, int count) {
    return scanner.scan(prefix, cursor, count);
  }

  @Override
  public Future<Void> addToSet(String key, String member) {
    return commands.send(client, Request.cmd(Command.SADD).arg(key).arg(member), "SADD " + key).mapEmpty();
  }

  @Override
  public Future<Void> removeFromSet(String key, String member) {
    return commands.send(client, Request.cmd(Command.SREM).arg(key).arg(member), "SREM " + key).mapEmpty();
  }

  @Override
  public Future<List<String>> members(String key) {
    return commands.send(client, Request.cmd(Command.SMEMBERS).arg(key), "SMEMBERS " + key)
        .map(reply -> {
          List<String> members = new ArrayList<>();
          if (reply != null) {
            reply.forEach(m -> members.add(m.toString()));
          }
          Collections.sort(members);
          return List.copyOf(members);
        });
  }

  @Override
  public Future<Void> publish(KvChange change) {
    String channel = keys.changesChannel();
    return commands.send(client, Request.cmd(Command.PUBLISH).arg(channel).arg(change.toJson().encode()),
        "PUBLISH " + channel).mapEmpty();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with {@link KvUnavailableException} when no endpoint accepts the first SUBSCRIBE; once
   * active, the subscription reconnects by itself (see {@link RedisSubscriber}).
   */
  @Override
  public Future<KvSubscription> subscribe(Handler<KvChange> handler) {
    return subscribe(handler, () -> { });
  }

  @Override
  public Future<KvSubscription> subscribe(Handler<KvChange> handler, Runnable onResumed) {
    return RedisSubscriber.start(vertx, options, keys.changesChannel(), commandTimeout, handler, onResumed)
        .map(this::track);
  }

  @Override
  public Future<Void> ping() {
    return commands.send(client, Request.cmd(Command.PING), "PING").mapEmpty();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    subscriptions.forEach(s -> closing.add(s.close()));
    subscriptions.clear();
    closing.add(nodes.close());
    closing.add(client.close());
    return Future.join(closing).mapEmpty();
  }

  private static Future<Void> valid(long expectedVersion) {
    try {
      KvVersions.requireValid(expectedVersion);
      return Future.succeededFuture();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  /** Remembers a live subscription so that {@link #close()} can end it, and forgets it once closed. */
  private KvSubscription track(KvSubscription subscription) {
    KvSubscription[] tracked = new KvSubscription[1];
    tracked[0] = () -> {
      subscriptions.remove(tracked[0]);
      return subscription.close();
    };
    subscriptions.add(tracked[0]);
    return tracked[0];
  }

  /** @return the script's status, or a failed future with the conflict it reports */
  private static Future<Integer> status(Response reply, String key, long expectedVersion) {
    int status = reply.get(0).toInteger();
    if (status == RedisScripts.CONFLICT) {
      return Future.failedFuture(new KvConflictException(key, expectedVersion, reply.get(1).toLong()));
    }
    return Future.succeededFuture(status);
  }
}
