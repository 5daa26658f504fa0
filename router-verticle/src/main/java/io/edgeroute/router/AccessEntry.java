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
    return appendTo(new StringBuilder(320), new Clock()).toString();
  }

  /**
   * Appends the line, written by hand because it runs for every request: a JSON tree, or
   * {@code Instant.toString} and {@code double} formatting, cost more per line than the rest of it.
   *
   * @param clock the writer's cache of the current second's text
   * @return {@code line}
   */
  StringBuilder appendTo(StringBuilder line, Clock clock) {
    line.append("{\"time\":\"");
    clock.append(line, time);
    line.append("\",");
    string(line, "requestId", requestId).append(',');
    string(line, "client", client).append(',');
    string(line, "method", method).append(',');
    string(line, "host", host).append(',');
    string(line, "path", path).append(',');
    line.append("\"status\":").append(status).append(',');
    line.append("\"bytesIn\":").append(bytesIn).append(',');
    line.append("\"bytesOut\":").append(bytesOut).append(',');
    millis(line.append("\"durationMs\":"), durationNanos).append(',');
    line.append("\"originMs\":");
    if (originNanos < 0) {
      line.append("null");
    } else {
      millis(line, originNanos);
    }
    line.append(',');
    string(line, "siteId", siteId).append(',');
    string(line, "tenant", tenant).append(',');
    string(line, "origin", origin).append(',');
    string(line, "cacheStatus", cacheStatus).append(',');
    string(line, "tls", tls);
    return line.append('}');
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

    void append(StringBuilder line, long epochMillis) {
      long s = Math.floorDiv(epochMillis, 1000);
      if (s != second) {
        second = s;
        secondText = SECOND.format(Instant.ofEpochSecond(s));
      }
      int ms = (int) Math.floorMod(epochMillis, 1000);
      line.append(secondText).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
          .append((char) ('0' + ms % 10)).append('Z');
    }
  }

  private static StringBuilder string(StringBuilder line, String name, String value) {
    line.append('"').append(name).append("\":");
    if (value == null) {
      return line.append("null");
    }
    line.append('"');
    int plain = plainPrefix(value);
    if (plain == value.length()) {
      // The usual case, and append(String) copies the bytes at once where append(CharSequence,
      // int, int) takes them char by char: most of the writer's time before.
      return line.append(value).append('"');
    }
    line.append(value, 0, plain);
    for (int i = plain; i < value.length(); i++) {
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

  /** @return the length of the leading run of printable ASCII other than quote and backslash */
  private static int plainPrefix(String value) {
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean validSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }

  /** Milliseconds with three decimals (rounded to the microsecond): sub-millisecond answers stay distinguishable. */
  private static StringBuilder millis(StringBuilder line, long nanos) {
    long micros = (nanos + 500) / 1_000;
    long frac = micros % 1_000;
    line.append(micros / 1_000).append('.');
    if (frac < 100) {
      line.append('0');
    }
    if (frac < 10) {
      line.append('0');
    }
    return line.append(frac);
  }
}
