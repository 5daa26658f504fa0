package io.edgeroute.router;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One access-log line (SPEC §8), as captured on the event loop; {@link #appendTo} runs on the
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
   * @return the line: one JSON object, every field present ({@code null} when absent)
   */
  String toLine() {
    return appendTo(new LineBytes(320), new Clock()).toString();
  }

  /**
   * Appends the line, written by hand because it runs for every request: a JSON tree, or
   * {@code Instant.toString} and {@code double} formatting, cost more per line than the rest of it.
   *
   * @param clock the writer's cache of the current second's text
   * @return {@code line}
   */
  LineBytes appendTo(LineBytes line, Clock clock) {
    line.ascii("{\"time\":\"");
    clock.append(line, time);
    line.ascii("\",\"requestId\":").jsonString(requestId);
    line.ascii(",\"client\":").jsonString(client);
    line.ascii(",\"method\":").jsonString(method);
    line.ascii(",\"host\":").jsonString(host);
    line.ascii(",\"path\":").jsonString(path);
    line.ascii(",\"status\":").number(status);
    line.ascii(",\"bytesIn\":").number(bytesIn);
    line.ascii(",\"bytesOut\":").number(bytesOut);
    millis(line.ascii(",\"durationMs\":"), durationNanos);
    line.ascii(",\"originMs\":");
    if (originNanos < 0) {
      line.ascii("null");
    } else {
      millis(line, originNanos);
    }
    line.ascii(",\"siteId\":").jsonString(siteId);
    line.ascii(",\"tenant\":").jsonString(tenant);
    line.ascii(",\"origin\":").jsonString(origin);
    line.ascii(",\"cacheStatus\":").jsonString(cacheStatus);
    line.ascii(",\"tls\":").jsonString(tls);
    return line.ascii('}');
  }

  /**
   * ISO 8601 UTC with milliseconds ({@code 2026-12-03T08:20:00.123Z}); the text up to the second is
   * formatted once per second. Not thread-safe: one per writer.
   */
  static final class Clock {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
        .withZone(ZoneOffset.UTC);
    private long second = Long.MIN_VALUE;
    private String secondText;

    void append(LineBytes line, long epochMillis) {
      long s = Math.floorDiv(epochMillis, 1000);
      if (s != second) {
        second = s;
        secondText = SECOND.format(Instant.ofEpochSecond(s));
      }
      int ms = (int) Math.floorMod(epochMillis, 1000);
      line.ascii(secondText).ascii('.').ascii((char) ('0' + ms / 100)).ascii((char) ('0' + ms / 10 % 10))
          .ascii((char) ('0' + ms % 10)).ascii('Z');
    }
  }

  /** Milliseconds with three decimals (rounded to the microsecond): sub-millisecond answers stay distinguishable. */
  private static LineBytes millis(LineBytes line, long nanos) {
    long micros = (nanos + 500) / 1_000;
    long frac = micros % 1_000;
    line.number(micros / 1_000).ascii('.');
    if (frac < 100) {
      line.ascii('0');
    }
    if (frac < 10) {
      line.ascii('0');
    }
    return line.number(frac);
  }
}
