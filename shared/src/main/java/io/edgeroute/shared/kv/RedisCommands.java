package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one command with a bounded time and turns "Redis is not there" into
 * {@link KvUnavailableException}. Every Redis call of the store goes through here.
 */
final class RedisCommands {

  /**
   * Error replies that mean the server cannot serve right now, rather than that the command was
   * wrong: the caller should treat them like a refused connection (serve stale, answer 503).
   * READONLY is a write that reached a replica during a failover.
   */
  private static final List<String> TRANSIENT_ERRORS = List.of("CLUSTERDOWN", "LOADING", "TRYAGAIN", "MASTERDOWN", "BUSY", "READONLY");

  private final long timeoutMs;

  RedisCommands(Duration commandTimeout) {
    this.timeoutMs = commandTimeout.toMillis();
  }

  /**
   * @param what says what was attempted, for the failure message ({@code "GET edgeroute:site:a"})
   * @return a future completed with the reply; failed with {@link KvUnavailableException} on a
   *     connection failure, a transient error reply or no reply within the command timeout; failed
   *     with the error reply itself otherwise
   */
  Future<Response> send(Redis client, Request request, String what) {
    return client.send(request)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(map(what, e)));
  }

  Throwable map(String what, Throwable failure) {
    if (failure instanceof KvUnavailableException || failure instanceof KvConflictException) {
      return failure;
    }
    if (isErrorReply(failure) && !isTransient(failure)) {
      return failure;
    }
    return new KvUnavailableException("Redis " + what + " failed: " + failure.getMessage(), failure);
  }

  static boolean isErrorReply(Throwable failure) {
    return failure instanceof Response r && r.type() == ResponseType.ERROR;
  }

  private static boolean isTransient(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    return TRANSIENT_ERRORS.stream().anyMatch(message::startsWith);
  }
}
