package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys the admin verticle on a free port over a {@link FaultyKvStore} wrapping the store of the
 * subclass, and offers the HTTP calls the tests make.
 */
@ExtendWith(VertxExtension.class)
abstract class AdminApiTestBase {

  static final KvKeys KEYS = KvKeys.defaults();
  static final String OPERATOR = "operator-secret";

  FaultyKvStore store;
  WebClient client;
  int port;

  /** @return a future completed with an empty store of the backend under test */
  protected abstract Future<KvStore> openStore(Vertx vertx);

  protected JsonObject adminConfig() {
    return new JsonObject().put("port", 0).put("operatorTokens", new JsonArray().add(OPERATOR));
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = new JsonObject().put("admin", adminConfig());
    openStore(vertx)
        .compose(kv -> {
          store = new FaultyKvStore(kv);
          return vertx.deployVerticle(new AdminVerticle(store), new DeploymentOptions().setConfig(config));
        })
        .onComplete(ctx.succeeding(id -> {
          port = BoundPorts.get(vertx, BoundPorts.ADMIN);
          client = WebClient.create(vertx);
          ctx.completeNow();
        }));
  }

  @AfterEach
  void closeStore(VertxTestContext ctx) {
    store.close().onComplete(ctx.succeedingThenComplete());
  }

  Future<HttpResponse<Buffer>> call(HttpMethod method, String path, String token, Object body, String... headers) {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      extra.add(headers[i], headers[i + 1]);
    }
    var request = client.request(method, port, "127.0.0.1", path).putHeaders(extra);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (body == null) {
      return request.send();
    }
    Buffer buffer = body instanceof Buffer b ? b : Buffer.buffer(body instanceof JsonObject j ? j.encode() : body.toString());
    return request.putHeader("Content-Type", "application/json").sendBuffer(buffer);
  }

  /** Creates {@code tenant} and mints a token for it. @return a future completed with the token */
  Future<String> tenantToken(String tenant) {
    return call(HttpMethod.PUT, "/v1/tenants/" + tenant, OPERATOR, null)
        .compose(r -> call(HttpMethod.POST, "/v1/tenants/" + tenant + "/tokens", OPERATOR, null))
        .map(r -> {
          assertEquals(201, r.statusCode(), r.bodyAsString());
          return r.bodyAsJsonObject().getString("token");
        });
  }

  static JsonObject site(String originUrl) {
    return new JsonObject().put("origin", new JsonObject().put("url", originUrl));
  }

  Future<HttpResponse<Buffer>> putSite(String token, String host, JsonObject body, String... headers) {
    return call(HttpMethod.PUT, "/v1/sites/" + host, token, body, headers);
  }

  /** Asserts the status (with the body in the message) and passes the response on. */
  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response;
  }
}
