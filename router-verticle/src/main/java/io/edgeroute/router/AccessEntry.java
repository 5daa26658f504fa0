package io.edgeroute.router;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One access-log line (SPEC §8), as captured on the event loop; {@link #toJson()} runs on the
 * access log's own thread, so the event loop only copies these fields.
 *
 * @param time        when the request arrived, epoch milliseconds
 * @param client      the visitor's address (the peer; {@code X-Forwarded-For} is in the request)
 * @param path        the path as the visitor sent it, without the query
 * @param durationNanos from the request's arrival to the end of the response
 * @param originNanos from opening the origin request to its response head, -1 when none was made
 * @param cacheStatus the response's {@code Cache-Status}, or {@code null}
 * @param tls         the TLS protocol version of the visitor's connection, or {@code null} for plain HTTP
 */
record AccessEntry(long time, String requestId, String client, String method, String host, String path, int status,
                   long bytesIn, long bytesOut, long durationNanos, long originNanos, String siteId, String tenant,
                   String origin, String cacheStatus, String tls) {

  /** @return the line's JSON object; absent facts are {@code null}, never left out */
  JsonObject toJson() {
    return new JsonObject()
        .put("time", Instant.ofEpochMilli(time).toString())
        .put("requestId", requestId)
        .put("client", client)
        .put("method", method)
        .put("host", host)
        .put("path", path)
        .put("status", status)
        .put("bytesIn", bytesIn)
        .put("bytesOut", bytesOut)
        .put("durationMs", millis(durationNanos))
        .put("originMs", originNanos < 0 ? null : millis(originNanos))
        .put("siteId", siteId)
        .put("tenant", tenant)
        .put("origin", origin)
        .put("cacheStatus", cacheStatus)
        .put("tls", tls);
  }

  /** Milliseconds with three decimals: sub-millisecond answers from the cache stay distinguishable. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
