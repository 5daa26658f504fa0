package io.edgeroute.router;

import io.edgeroute.cache.lookup.InvalidRoutingDataException;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A request the router answers itself, with the status it gets (SPEC §4). {@link #from} is the one
 * place that decides which status a failure on the request path becomes; {@link ErrorResponses}
 * is the one place that writes it.
 */
public final class ProxyFailure extends RuntimeException {

  /** Seconds a client is asked to wait when the routing data or the origin pool is unavailable. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private final int status;
  private final Map<String, String> headers;

  private ProxyFailure(int status, String detail, Map<String, String> headers, Throwable cause) {
    super(detail, cause, false, false);
    this.status = status;
    this.headers = headers;
  }

  /** The visitor's request cannot be routed as sent (no usable Host, no dispatch id). */
  public static ProxyFailure badRequest(String detail) {
    return new ProxyFailure(400, detail, Map.of(), null);
  }

  /** No site for the host, or no entry for the dispatch id. */
  public static ProxyFailure notFound(String detail) {
    return new ProxyFailure(404, detail, Map.of(), null);
  }

  /**
   * Not a failure but an answer the router gives itself: the site asks for HTTPS
   * ({@code tls.redirectHttp}), so plain HTTP gets 308, which keeps the method and body.
   */
  public static ProxyFailure redirect(String location) {
    return new ProxyFailure(308, "This site is served over HTTPS: " + location, Map.of("Location", location), null);
  }

  public static ProxyFailure badGateway(String detail, Throwable cause) {
    return new ProxyFailure(502, detail, Map.of(), cause);
  }

  public static ProxyFailure unavailable(String detail, Throwable cause) {
    return new ProxyFailure(503, detail, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)), cause);
  }

  /**
   * No pooled connection to the origin became free within {@code router.poolWaitTimeout}: like a
   * full wait queue, the router is shedding load for an origin at its connection limit, so 503
   * with Retry-After (the origin did not fail; it is busy), not 504.
   */
  public static ProxyFailure poolExhausted(Throwable cause) {
    return unavailable("no connection to this origin became free in time.", cause);
  }

  public static ProxyFailure gatewayTimeout(String detail, Throwable cause) {
    return new ProxyFailure(504, detail, Map.of(), cause);
  }

  /**
   * Maps any failure of the request path to the status the visitor gets.
   *
   * @return {@code failure} itself when it already is a {@code ProxyFailure}
   */
  public static ProxyFailure from(Throwable failure) {
    if (failure instanceof ProxyFailure f) {
      return f;
    }
    // The store cannot answer and nothing is cached: the data exists somewhere and the request will
    // likely succeed shortly, so 503 with Retry-After rather than a 5xx that suggests a broken site.
    if (failure instanceof KvUnavailableException) {
      return unavailable("routing data is unavailable; try again shortly.", failure);
    }
    // A platform wrote an unreadable document: the router's upstream configuration is broken,
    // which is what 502 means to a visitor; guessing a route would be worse.
    if (failure instanceof InvalidRoutingDataException) {
      return badGateway("routing data for this host is unreadable.", failure);
    }
    // The bounded wait queue for origin connections is full: the router sheds load to protect the
    // origin and itself; the origin did nothing wrong, so 503 (try again) and not 502.
    if (failure instanceof ConnectionPoolTooBusyException) {
      return unavailable("too many requests are waiting for this origin.", failure);
    }
    // Connecting (TCP or the TLS handshake), waiting for the response head, or an origin gone quiet
    // mid-stream: the origin did not answer in time (Caddy: dial/response timeouts → 504). The wait
    // for a pooled connection is not here: OriginExchange turns it into poolExhausted first.
    if (failure instanceof TimeoutException || failure instanceof io.netty.channel.ConnectTimeoutException
        || causedBy(failure, io.netty.handler.ssl.SslHandshakeTimeoutException.class)) {
      return gatewayTimeout("the origin did not answer in time.", failure);
    }
    // Refused, reset, closed early, TLS handshake or certificate failure, malformed response: the
    // origin is broken from the visitor's point of view (Caddy's default for upstream errors: 502).
    return badGateway("the origin could not be reached or broke the connection.", failure);
  }

  /**
   * Decides whether a failure to obtain an origin connection may be retried. It is only asked about
   * failures of {@code HttpClientAgent.request}, which completes before any byte of the request is
   * written: refused, unreachable, or closed or reset during the TLS handshake, nothing was sent.
   *
   * @return {@code false} for the failures a second try would only repeat or prolong: a timeout
   *     (connect or pool wait: it would double the visitor's wait for an origin that is probably
   *     down), a full wait queue (retrying is queueing anyway), a failure already decided (an
   *     exhausted pool), and a certificate the origin fails
   */
  public static boolean couldNotConnect(Throwable failure) {
    if (failure instanceof ProxyFailure || failure instanceof TimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException || failure instanceof ConnectionPoolTooBusyException) {
      return false;
    }
    return !causedBy(failure, CertificateException.class)
        && !causedBy(failure, io.netty.handler.ssl.SslHandshakeTimeoutException.class);
  }

  /**
   * Decides whether a request that was sent may be sent again on another connection. It is only
   * asked about failures before any byte of the origin's answer arrived, for requests that change
   * nothing: the origin closed or reset the connection (typically a keep-alive connection it timed
   * out just as the request arrived), so it answered nothing and did nothing the visitor asked.
   *
   * @return {@code false} for a timeout (the origin is slow, not gone) and for TLS failures
   */
  public static boolean closedUnanswered(Throwable failure) {
    if (causedBy(failure, TimeoutException.class) || causedBy(failure, javax.net.ssl.SSLException.class)) {
      return false;
    }
    return causedBy(failure, io.vertx.core.http.HttpClosedException.class) || causedBy(failure, java.io.IOException.class);
  }

  /** @return whether {@code failure} or one of its causes is a {@code type} (Vert.x wraps TLS failures) */
  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  public int status() {
    return status;
  }

  /** @return headers the answer carries, e.g. {@code Retry-After} */
  public Map<String, String> headers() {
    return headers;
  }
}
