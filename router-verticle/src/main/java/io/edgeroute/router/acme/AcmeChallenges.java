package io.edgeroute.router.acme;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * HTTP-01 challenges in the KV (SPEC §9), so that whichever node the ACME server's validation
 * reaches answers it: {@code acme-challenge:<token>} holds
 * {@code {"keyAuthorization": "...", "expires": <epoch ms>}}. The store has no TTL of its own, so
 * the expiry is in the document: an expired one is not answered, and the ordering node deletes it
 * when the challenge is done.
 */
public final class AcmeChallenges {

  /** RFC 8555 §8.3. */
  public static final String PATH = "/.well-known/acme-challenge/";
  /** How long a published challenge is answered at most. */
  static final Duration TTL = Duration.ofMinutes(10);
  /** RFC 8555 §8.1: tokens are base64url. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final KvStore store;
  private final KvKeys keys;

  public AcmeChallenges(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** @return whether {@code request} asks for a challenge answer (plain HTTP, the challenge path) */
  public static boolean isChallenge(HttpServerRequest request) {
    // The path first: isSSL searches the connection's pipeline, and almost no request is a challenge.
    return request.path() != null && request.path().startsWith(PATH) && !request.isSSL();
  }

  /** Answers {@code GET /.well-known/acme-challenge/<token>}: 200 with the key authorization, else 404. */
  public void answer(HttpServerRequest request) {
    String token = request.path().substring(PATH.length());
    if (!TOKEN.matcher(token).matches()) {
      request.response().setStatusCode(404).end();
      return;
    }
    store.get(keys.acmeChallenge(token)).onComplete(done -> {
      String answer = null;
      if (done.succeeded() && done.result() != null) {
        JsonObject doc = new JsonObject(done.result().value());
        if (doc.getLong("expires", 0L) > System.currentTimeMillis()) {
          answer = doc.getString("keyAuthorization");
        }
      }
      if (answer == null) {
        request.response().setStatusCode(done.succeeded() ? 404 : 503).end();
      } else {
        request.response().putHeader("Content-Type", "text/plain").end(answer);
      }
    });
  }

  Future<Void> publish(String token, String keyAuthorization) {
    JsonObject doc = new JsonObject().put("keyAuthorization", keyAuthorization)
        .put("expires", System.currentTimeMillis() + TTL.toMillis());
    return store.put(keys.acmeChallenge(token), doc.encode(), KvStore.ANY_VERSION);
  }

  Future<Void> withdraw(String token) {
    return store.delete(keys.acmeChallenge(token), KvStore.ANY_VERSION).mapEmpty();
  }
}
