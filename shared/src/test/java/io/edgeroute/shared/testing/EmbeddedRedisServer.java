package io.edgeroute.shared.testing;

import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * A real standalone {@code redis-server} (the binary shipped by embedded-redis) on a random free
 * port of 127.0.0.1. Nothing is saved to disk, so a restart comes back empty on the SAME port,
 * which is what a client's reconnect logic must cope with.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedRedisServer.class.getName());
  private static final int START_ATTEMPTS = 3;

  private final int port;
  private final RedisServer server;

  private EmbeddedRedisServer(int port) throws IOException {
    this.port = port;
    this.server = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        // No RDB or AOF: restarts start empty and no file is left behind.
        .setting("save \"\"")
        .setting("appendonly no")
        .build();
  }

  /** Starts a server on a free port; blocks until it accepts connections. */
  public static EmbeddedRedisServer start() {
    IOException last = null;
    // Another free port when this one cannot be bound: it can be taken between the look and the bind.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        EmbeddedRedisServer redis = new EmbeddedRedisServer(FreePorts.freePort());
        redis.server.start();
        LOG.info(() -> "embedded redis on " + redis.endpoint());
        return redis;
      } catch (IOException e) {
        last = e;
        int tried = attempt;
        LOG.warning(() -> "embedded redis did not start (attempt " + tried + "): " + e.getMessage());
      }
    }
    throw new UncheckedIOException("cannot start embedded redis", last);
  }

  public int port() {
    return port;
  }

  /** @return {@code redis://127.0.0.1:<port>} */
  public String endpoint() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server; clients see their connections drop. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded redis on " + port, e);
    }
  }

  /** Starts the server again on the same port; blocks until it is ready. */
  public void startAgain() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart embedded redis on " + port, e);
    }
  }

  public void restart() {
    stop();
    startAgain();
  }

  /** Empties every database, so that each test starts from nothing. */
  public void flushAll() {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      jedis.flushAll();
    }
  }

  /** Publishes {@code message} as is, bypassing any store, as another writer would. */
  public void publish(String channel, String message) {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      jedis.publish(channel, message);
    }
  }

  /** @return how many connections Redis counts as subscribed to {@code channel} ({@code PUBSUB NUMSUB}) */
  public long subscribers(String channel) {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      return Long.parseLong(jedis.pubsubNumSub(channel).getOrDefault(channel, "0"));
    }
  }

  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
  }
}
