package io.edgeroute.router.gate;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of SPEC §4a for requests that arrive over HTTP/2 (ALPN {@code h2} on the HTTPS
 * listener), which pass no {@link VisitorGate}: HTTP/2 frames carry their own lengths, so there is
 * no framing to disambiguate, but the target and the header names obey the same rules as HTTP/1.
 * The gate rewrites an HTTP/1 target into its normal form; here nothing can be rewritten before
 * Vert.x has decoded the request, so a target that is not already in normal form is refused.
 */
public final class Http2Requests {

  private Http2Requests() {
  }

  /**
   * Drops header fields whose name holds {@code _} (as the gate does) and checks the target.
   *
   * @return {@code null} when {@code request} may be routed as it is, else why it is refused
   */
  public static Refusal check(HttpServerRequest request) {
    List<String> underscored = new ArrayList<>();
    for (String name : request.headers().names()) {
      if (name.indexOf('_') >= 0) {
        underscored.add(name);
      }
    }
    underscored.forEach(request.headers()::remove);
    String uri = request.uri();
    try {
      RequestLine line = RequestLine.parse(request.method().name() + " " + uri + " HTTP/1.1");
      if (line.authority() != null || !line.target().equals(uri)) {
        return Refusal.badRequest("over HTTP/2 the path must be sent in its normal form");
      }
      return null;
    } catch (Refusal refusal) {
      return refusal;
    }
  }

  /** Answers the stream of {@code request} with {@code refusal}; the connection's other streams go on. */
  public static void answer(HttpServerRequest request, Refusal refusal) {
    request.response()
        .setStatusCode(refusal.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(Refusals.text(refusal));
  }
}
