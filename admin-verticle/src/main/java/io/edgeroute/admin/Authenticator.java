package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.TokenRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Resolves {@code Authorization: Bearer <token>} to a {@link Caller}. Operator tokens come from the
 * live configuration; tenant tokens are looked up by their SHA-256 under {@code token:<hex>}.
 * Looking up by hash is itself safe against timing: how long the store takes to miss says nothing
 * about how much of the secret a guess got right, since a near-miss has an unrelated hash.
 */
final class Authenticator {

  private static final String BEARER = "Bearer ";

  private final KvStore store;
  private final KvKeys keys;
  private final Supplier<AdminOptions> options;

  Authenticator(KvStore store, KvKeys keys, Supplier<AdminOptions> options) {
    this.store = store;
    this.keys = keys;
    this.options = options;
  }

  /** Route handler: attaches the caller and continues, or fails the request with 401. */
  void handle(RoutingContext ctx) {
    authenticate(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)).onComplete(done -> {
      if (done.succeeded()) {
        done.result().attachTo(ctx);
        ctx.next();
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /** @return a future completed with the caller, failed with a 401 {@link ApiFailure} */
  Future<Caller> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(ApiFailure.unauthorized("send Authorization: Bearer <token>"));
    }
    String token = authorization.substring(BEARER.length()).trim();
    if (token.isEmpty()) {
      return Future.failedFuture(ApiFailure.unauthorized("the bearer token is empty"));
    }
    if (isOperatorToken(token)) {
      return Future.succeededFuture(Caller.OPERATOR);
    }
    return store.get(keys.token(Secrets.sha256Hex(token))).compose(entry -> {
      if (entry == null) {
        return Future.failedFuture(ApiFailure.unauthorized("unknown or revoked token"));
      }
      TokenRecord record = TokenRecord.fromJson(new JsonObject(entry.value()));
      return Future.succeededFuture(new Caller(record.tenant(), record.id()));
    });
  }

  /**
   * Compares hashes with {@link MessageDigest#isEqual} (constant time, and equal lengths so the
   * length of a configured token does not leak) and checks every configured token without stopping
   * at the first match.
   */
  private boolean isOperatorToken(String token) {
    byte[] given = Secrets.sha256(token);
    boolean match = false;
    for (String configured : options.get().getOperatorTokens()) {
      match |= MessageDigest.isEqual(given, Secrets.sha256(configured));
    }
    return match;
  }
}
