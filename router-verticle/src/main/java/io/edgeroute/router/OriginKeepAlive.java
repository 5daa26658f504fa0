package io.edgeroute.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * How long an origin keeps a connection open for the next request, from its answer: not at all
 * after {@code Connection: close} (or an HTTP/1.0 answer without keep-alive), else for the
 * {@code timeout} its {@code Keep-Alive} field announces (Node.js and Apache send one), else as
 * long as the router's own idle timeout allows.
 *
 * <p>Why it matters: an origin closes an idle connection when its timeout runs out, whatever the
 * router meant to send on it. A request written just then is lost with the connection; a GET is
 * sent once more, but a request with a body is not (it may have been acted on). So a connection
 * is not reused once the origin's announced timeout is nearly over: a second before it (half of it
 * when it is two seconds or less), as the requests on the way may take that long to arrive.
 */
final class OriginKeepAlive {

  /** The answer allows no reuse. */
  static final long NONE = 0;
  /** The answer announced no timeout: reuse until the router's idle timeout closes the connection. */
  static final long UNBOUNDED = Long.MAX_VALUE;

  private OriginKeepAlive() {
  }

  /** @return how many milliseconds after the answer the connection may carry another request */
  static long reuseMillis(HttpResponse response) {
    if (!HttpUtil.isKeepAlive(response)) {
      return NONE;
    }
    String field = response.headers().get(HttpHeaderNames.KEEP_ALIVE);
    long seconds = field == null ? -1 : timeoutSeconds(field);
    if (seconds < 0) {
      return UNBOUNDED;
    }
    long millis = seconds * 1000;
    return millis > 2000 ? millis - 1000 : millis / 2;
  }

  /** @return the {@code timeout} parameter of a {@code Keep-Alive} field in seconds, or -1 when it has none */
  static long timeoutSeconds(String field) {
    for (String parameter : field.split(",")) {
      String p = parameter.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("timeout")) {
        String value = p.substring(eq + 1).trim();
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
          return -1;
        }
        return Long.parseLong(value);
      }
    }
    return -1;
  }
}
