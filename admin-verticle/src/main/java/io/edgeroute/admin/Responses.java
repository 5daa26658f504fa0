package io.edgeroute.admin;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.host.InvalidHostException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Success responses and path and query parameters shared by the resource routes. */
final class Responses {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }

  /** A versioned document with its {@code ETag}. */
  static void versioned(RoutingContext ctx, int status, JsonObject body, long version) {
    ctx.response().putHeader(HttpHeaders.ETAG, Preconditions.etag(version));
    json(ctx, status, body);
  }

  static void written(RoutingContext ctx, Written written) {
    versioned(ctx, written.created() ? 201 : 200, written.document(), written.version());
  }

  static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** @throws ApiFailure 400 when the {@code host} path parameter is no valid site host, 422 for an invalid {@code xn--} label */
  static String host(RoutingContext ctx) {
    try {
      return HostNames.normalize(ctx.pathParam("host"));
    } catch (InvalidHostException e) {
      // SPEC §7 names this one 422: the host is well-formed, its xn-- label is not IDNA.
      throw e.isInvalidIdna() ? ApiFailure.invalid("/host", e.getMessage()) : ApiFailure.badRequest("invalid host: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiFailure.badRequest("invalid host: " + e.getMessage());
    }
  }

  /** @throws ApiFailure 400 unless {@code name} matches {@code valid} */
  static String name(RoutingContext ctx, String param, java.util.function.Predicate<String> valid) {
    String value = ctx.pathParam(param);
    if (!valid.test(value)) {
      throw ApiFailure.badRequest("invalid " + param + " name: " + value);
    }
    return value;
  }

  /** @return the {@code cursor} query parameter, {@code null} when absent or empty */
  static String cursor(RoutingContext ctx) {
    String cursor = ctx.request().getParam("cursor");
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }

  /** @throws ApiFailure 400 unless {@code limit} is absent or 1 to {@value #MAX_LIMIT} */
  static int limit(RoutingContext ctx) {
    String limit = ctx.request().getParam("limit");
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiFailure.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
