package io.edgeroute.router;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * Error responses the router makes itself (SPEC §4): RFC 9457 {@code application/problem+json} when
 * the client asks for JSON, else one line of {@code text/plain}. "Asks for JSON" means its
 * {@code Accept} names a JSON type ({@code application/json}, {@code application/problem+json},
 * any {@code +json}, or {@code application/*}); an Accept of only wildcards (curl, browsers) gets text,
 * which is what nginx or Caddy would show a person.
 */
public final class ErrorResponses {

  /** The media type of RFC 9457 problem details. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private ErrorResponses() {
  }

  /**
   * Ends the request's response with {@code status} and {@code detail}, adding {@code extraHeaders}.
   *
   * @return a future completed when the response has been written
   */
  public static Future<Void> send(HttpServerRequest request, int status, String detail, Map<String, String> extraHeaders) {
    HttpServerResponse response = request.response();
    String title = HttpResponseStatus.valueOf(status).reasonPhrase();
    extraHeaders.forEach(response::putHeader);
    response.setStatusCode(status);
    if (acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
      JsonObject problem = new JsonObject().put("type", "about:blank").put("title", title)
          .put("status", status).put("detail", detail);
      return response.putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).end(problem.encode());
    }
    return response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(status + " " + title + ": " + detail.replaceAll("\\R", " ") + "\n");
  }

  /** @return whether an {@code Accept} header value names a JSON media type (with a q above 0) */
  static boolean acceptsJson(String accept) {
    if (accept == null) {
      return false;
    }
    for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim();
      boolean json = type.equals("application/json") || type.endsWith("+json") || type.equals("application/*");
      if (json && quality(parts) > 0) {
        return true;
      }
    }
    return false;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
