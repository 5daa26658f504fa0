package io.edgeroute.router;

import io.vertx.core.Future;

/**
 * One way to carry a planned {@link Exchange} to its origin and the answer back: plain
 * ({@link OriginExchange}), through the response cache ({@link CachingExchange}) or as a WebSocket
 * tunnel ({@link WebSocketTunnel}). {@link RouterRequestHandler} picks one per request.
 */
interface ExchangeStrategy {

  /**
   * Runs {@code exchange}, whose plan is set and whose request is still paused.
   *
   * @return a future completed once the answer has been sent (or the tunnel is up); failed with
   *     what went wrong, which the caller maps to an answer while the head is not yet written
   */
  Future<Void> run(Exchange exchange);
}
