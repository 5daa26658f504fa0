package io.edgeroute.router.gate;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * The router's {@code invalidRequestHandler}: answers a request the {@link VisitorGate} refused
 * with the refusal's status, in turn after any earlier pipelined request, and closes the connection
 * (SPEC §4a: a visitor whose framing cannot be trusted gets no second request). What the HTTP
 * decoder behind the gate rejected itself (its line and header limits) is answered the same way:
 * 414, 431 or 400, then close.
 */
public final class Refusals {

  private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 408, "Request Timeout",
      414, "URI Too Long",
      431, "Request Header Fields Too Large", 501, "Not Implemented", 505, "HTTP Version Not Supported");

  private Refusals() {
  }

  /** @return the refusal as a whole raw HTTP/1.1 response that closes the connection */
  static String raw(Refusal refusal) {
    String body = text(refusal);
    return "HTTP/1.1 " + refusal.status() + " " + reason(refusal) + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
  }

  private static String reason(Refusal refusal) {
    return REASONS.getOrDefault(refusal.status(), "Bad Request");
  }

  static String text(Refusal refusal) {
    return refusal.status() + " " + reason(refusal) + ": " + refusal.getMessage() + ".\n";
  }

  /** Answers {@code request}, whose decoding failed. */
  public static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Refusal refusal = cause instanceof Refusal r ? r
        : cause instanceof TooLongHttpLineException ? new Refusal(414, "request line too long")
        : cause instanceof TooLongHttpHeaderException ? new Refusal(431, "request header fields too large")
        : Refusal.badRequest("the request could not be decoded");
    int status = refusal.status();
    request.response()
        .setStatusCode(status)
        .setStatusMessage(reason(refusal))
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(text(refusal))
        .onComplete(done -> request.connection().close());
  }
}
