package io.edgeroute.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading request bodies: a JSON object, or a 400. */
final class JsonBodies {

  private JsonBodies() {
  }

  /** @throws ApiFailure 400 when the body is empty, malformed, or not a JSON object */
  static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiFailure.badRequest("the request needs a JSON object body");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiFailure.badRequest("malformed JSON: " + e.getMessage());
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiFailure.badRequest("the body must be a JSON object");
    }
    return object;
  }

  /** @return the body as a JSON object, or an empty one when there is no body */
  static JsonObject optionalObject(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    return body == null || body.length() == 0 ? new JsonObject() : object(ctx);
  }
}
