package io.edgeroute.admin;

import io.vertx.ext.web.RoutingContext;

/**
 * Who sent a request: the operator, or a tenant through one of its tokens.
 *
 * @param tenant  the tenant a tenant token acts for; {@code null} for the operator
 * @param tokenId the public id of the tenant token; {@code null} for the operator
 */
record Caller(String tenant, String tokenId) {

  static final Caller OPERATOR = new Caller(null, null);
  private static final String CONTEXT_KEY = "edgeroute.caller";

  boolean isOperator() {
    return tenant == null;
  }

  /** @return whether this caller may see a resource owned by {@code owner} */
  boolean sees(String owner) {
    return isOperator() || tenant.equals(owner);
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  /** @return the caller the authentication handler attached to {@code ctx} */
  static Caller of(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** @throws ApiFailure 403 unless the operator is calling */
  Caller requireOperator() {
    if (!isOperator()) {
      throw ApiFailure.forbidden("this endpoint needs an operator token");
    }
    return this;
  }
}
