package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients for single Redis nodes, for the few things a topology-aware client cannot do: SCAN one
 * cluster master at a time, and hold a pub/sub connection to one chosen node. They inherit the
 * credentials and network options of the configured client.
 */
final class RedisNodes {

  private final Vertx vertx;
  private final RedisOptions base;
  private final Map<String, Redis> clients = new ConcurrentHashMap<>();

  RedisNodes(Vertx vertx, RedisOptions base) {
    this.vertx = vertx;
    this.base = base;
  }

  /** @return a pooled client of the node at {@code host:port}, created on first use and kept until {@link #close()} */
  Redis client(String host, int port) {
    // Credentials written in the configured URL apply to every node of the cluster.
    URI configured = URI.create(base.getEndpoint());
    String userInfo = configured.getRawUserInfo() == null ? "" : configured.getRawUserInfo() + "@";
    String endpoint = configured.getScheme() + "://" + userInfo + host + ":" + port;
    return clients.computeIfAbsent(endpoint, e -> Redis.createClient(vertx, standalone(base, e)));
  }

  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(c -> closing.add(c.close()));
    clients.clear();
    return Future.join(closing).mapEmpty();
  }

  /** Options for one node: the base's credentials and network settings, the endpoint's address. */
  static RedisOptions standalone(RedisOptions base, String endpoint) {
    RedisOptions options = new RedisOptions()
        .setType(RedisClientType.STANDALONE)
        .setConnectionString(endpoint)
        .setNetClientOptions(base.getNetClientOptions())
        .setMaxPoolSize(base.getMaxPoolSize())
        .setMaxPoolWaiting(base.getMaxPoolWaiting());
    // A password in the node's own URL wins; otherwise the one configured for the whole client.
    if (URI.create(endpoint).getUserInfo() == null) {
      options.setUser(base.getUser()).setPassword(base.getPassword());
    }
    return options;
  }
}
