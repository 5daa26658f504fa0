package io.edgeroute.router;

import io.edgeroute.cache.lookup.InvalidRoutingDataException;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The {@code kind} label of {@code edgeroute_origin_errors_total}: a small fixed set, so the
 * series stay bounded whatever the origins do.
 */
final class OriginErrors {

  private OriginErrors() {
  }

  /**
   * @param failure what failed the request
   * @param status  the status {@link ProxyFailure#from} gave it
   * @return {@code timeout}, {@code connect}, {@code tls}, {@code busy} or {@code broken}; {@code null}
   *     when the failure is not the origin's (bad request, unknown host, routing data)
   */
  static String kind(Throwable failure, int status) {
    if (status < 500 || causedBy(failure, KvUnavailableException.class)
        || causedBy(failure, InvalidRoutingDataException.class)) {
      return null;
    }
    if (status == 504 || causedBy(failure, TimeoutException.class)) {
      return "timeout";
    }
    if (status == 503 || causedBy(failure, ConnectionPoolTooBusyException.class)) {
      return "busy";
    }
    if (causedBy(failure, SSLException.class)) {
      return "tls";
    }
    if (causedBy(failure, ConnectException.class)) {
      return "connect";
    }
    return "broken";
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
