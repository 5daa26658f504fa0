package io.edgeroute.admin;

import io.edgeroute.shared.model.Site;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/sites/{host}/verify}: checks the host's ownership now (SPEC §7). */
final class VerificationRoutes {

  static final String VERIFY = "/v1/sites/:host/verify";

  private final HostVerifier verifier;

  VerificationRoutes(HostVerifier verifier) {
    this.verifier = verifier;
  }

  void mount(Router router) {
    router.post(VERIFY).handler(this::verify);
  }

  private void verify(RoutingContext ctx) {
    Async.respond(ctx, () -> verifier.verifyNow(Caller.of(ctx), Responses.host(ctx)), site -> {
      JsonObject body = new JsonObject().put("host", site.host()).put("status", site.status());
      JsonObject json = site.toJson();
      if (json.containsKey("verification")) {
        body.put("verification", json.getJsonObject("verification"));
      }
      Responses.json(ctx, 200, body);
    });
  }
}
