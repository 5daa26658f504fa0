package io.edgeroute.router;

import java.time.Instant;

/**
 * One access-log line (SPEC §8), as captured on the event loop; {@link #toLine()} runs on the
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

  /**
   * @return the line: one JSON object, every field present ({@code null} when absent), written by
   *     hand because it runs for every request and a JSON tree per line cost more than the rest
   */
  String toLine() {
    StringBuilder line = new StringBuilder(320).append('{');
    string(line, "time", Instant.ofEpochMilli(time).toString()).append(',');
    string(line, "requestId", requestId).append(',');
    string(line, "client", client).append(',');
    string(line, "method", method).append(',');
    string(line, "host", host).append(',');
    string(line, "path", path).append(',');
    line.append("\"status\":").append(status).append(',');
    line.append("\"bytesIn\":").append(bytesIn).append(',');
    line.append("\"bytesOut\":").append(bytesOut).append(',');
    line.append("\"durationMs\":").append(millis(durationNanos)).append(',');
    line.append("\"originMs\":").append(originNanos < 0 ? "null" : String.valueOf(millis(originNanos))).append(',');
    string(line, "siteId", siteId).append(',');
    string(line, "tenant", tenant).append(',');
    string(line, "origin", origin).append(',');
    string(line, "cacheStatus", cacheStatus).append(',');
    string(line, "tls", tls);
    return line.append('}').toString();
  }

  private static StringBuilder string(StringBuilder line, String name, String value) {
    line.append('"').append(name).append("\":");
    if (value == null) {
      return line.append("null");
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
            // Control characters, and a lone surrogate that would not survive UTF-8, escaped.
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.append('"');
  }

  private static boolean validSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }

  /** Milliseconds with three decimals: sub-millisecond answers from the cache stay distinguishable. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
