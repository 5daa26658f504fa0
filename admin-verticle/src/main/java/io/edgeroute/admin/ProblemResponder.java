package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvConflictException;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.edgeroute.shared.model.validation.ValidationProblem;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The only place where failures become HTTP responses: RFC 9457 {@code application/problem+json}.
 * Registered as the router's failure handler and for the router's own 404/405/413.
 */
final class ProblemResponder {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String BEARER_CHALLENGE = "Bearer realm=\"edgeroute\"";
  private static final Logger LOG = Logger.getLogger(ProblemResponder.class.getName());

  private ProblemResponder() {
  }

  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (failure instanceof ApiFailure api) {
      JsonObject body = problem(api.status(), api.title(), api.getMessage(), ctx);
      if (!api.errors().isEmpty()) {
        body.put("errors", ValidationProblem.toJson(api.errors()));
      }
      send(ctx, api.status(), body);
    } else if (failure instanceof KvUnavailableException) {
      // 503, not 500: the request was fine and the same request succeeds once the store answers.
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      send(ctx, 503, problem(503, "Service Unavailable", "the key-value store does not answer", ctx));
    } else if (failure instanceof KvConflictException) {
      // A compare-and-set lost to another writer more often than the services retry: the client
      // may simply send the request again.
      send(ctx, 409, problem(409, "Conflict", "the resource was changed concurrently; retry", ctx));
    } else if (failure != null) {
      LOG.log(Level.SEVERE, "admin API failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
      send(ctx, 500, problem(500, "Internal Server Error", "unexpected failure", ctx));
    } else {
      // Raised by vert.x-web itself: 404 no route, 405 method, 413 body over the limit, 400 bad body.
      int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
      send(ctx, status, problem(status, reason, detailFor(status), ctx));
    }
  }

  private static String detailFor(int status) {
    return switch (status) {
      case 404 -> "no such endpoint";
      case 405 -> "method not allowed on this endpoint";
      case 413 -> "the request body is over the limit of " + AdminApi.BODY_LIMIT + " bytes";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }

  private static JsonObject problem(int status, String title, String detail, RoutingContext ctx) {
    return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
        .put("detail", detail).put("instance", ctx.request().path());
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    if (status == 401) {
      // RFC 6750 §3: every 401 names the scheme and realm a client should authenticate with.
      ctx.response().putHeader(io.netty.handler.codec.http.HttpHeaderNames.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON).end(body.encode());
  }
}
