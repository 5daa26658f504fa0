package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.admin.AdminVerticle;
import io.edgeroute.cache.CacheVerticle;
import io.edgeroute.cache.lookup.Microcache;
import io.edgeroute.cache.lookup.MicrocacheLoader;
import io.edgeroute.cache.lookup.MicrocacheSiteResolver;
import io.edgeroute.router.RouterVerticle;
import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path a tenant's change travels: admin API → KV store → router → a real HTTP origin on
 * loopback. The verticles are deployed as {@link MainVerticle} deploys them, over one store of the
 * backend a subclass picks. {@code allowPrivateOrigins} is on because the origin is 127.0.0.1.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
abstract class AdminToOriginContractTest {

  static final KvKeys KEYS = KvKeys.defaults();
  private static final String OPERATOR = "operator-secret";
  /** How often a request is repeated, back to back, while a change travels the change channel. */
  private static final int ATTEMPTS = 500;

  private KvStore store;
  private WebClient client;
  private int adminPort;
  private int routerPort;
  private final List<String> originSaw = new CopyOnWriteArrayList<>();
  private int originPort;

  /** @return a future completed with an empty store of the backend under test */
  protected abstract Future<KvStore> openStore(Vertx vertx);

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("admin", new JsonObject().put("port", 0).put("allowPrivateOrigins", true)
            .put("operatorTokens", new JsonArray().add(OPERATOR)));
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    client = WebClient.create(vertx);
    openStore(vertx).compose(kv -> {
      store = kv;
      return vertx.deployVerticle(new CacheVerticle(store), options);
    })
        // The production resolver, reading through (zero TTLs): each request sees the API's last write.
        .compose(id -> vertx.deployVerticle(new RouterVerticle(new MicrocacheSiteResolver(vertx, new MicrocacheLoader(store,
            new Microcache(KEYS, new MicrocacheOptions().setTtl(Duration.ZERO).setNegativeTtl(Duration.ZERO)
                .setSnapshotFile(null))))), options))
        .compose(id -> vertx.deployVerticle(new AdminVerticle(store), options))
        .compose(id -> vertx.createHttpServer().requestHandler(request -> {
          originSaw.add(request.method() + " " + request.uri());
          request.response().end("origin saw " + request.uri());
        }).listen(0, "127.0.0.1"))
        .onComplete(ctx.succeeding(origin -> {
          originPort = origin.actualPort();
          adminPort = BoundPorts.get(vertx, BoundPorts.ADMIN);
          routerPort = BoundPorts.get(vertx, BoundPorts.ROUTER);
          ctx.completeNow();
        }));
  }

  @AfterEach
  void closeStore(VertxTestContext ctx) {
    store.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void tenantCreatesSiteAndTheVeryNextRouterRequestReachesItsOrigin(VertxTestContext ctx) {
    JsonObject site = new JsonObject().put("origin", new JsonObject().put("url", "http://127.0.0.1:" + originPort)
        .put("path", "/sites/myblog"));
    tenantToken("jottings")
        .compose(token -> admin(HttpMethod.PUT, "/v1/sites/myblog.com", token, site))
        .map(r -> expect(201, r))
        .compose(r -> visit("myblog.com", "/post/1?x=1"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals("origin saw /sites/myblog/post/1?x=1", expect(200, r).bodyAsString());
          assertEquals(List.of("GET /sites/myblog/post/1?x=1"), originSaw);
          ctx.completeNow();
        })));
  }

  @Test
  void tenantBuildsADispatchTableAndTheRouterDispatchesIntoIt(VertxTestContext ctx) {
    JsonObject entry = new JsonObject().put("origin", new JsonObject().put("url", "http://127.0.0.1:" + originPort));
    JsonObject site = new JsonObject().put("dispatch", new JsonObject().put("table", "storefronts")
        .put("idHeader", "X-Storefront-ID").put("noun", "Storefront"));
    tenantToken("shops").compose(token -> admin(HttpMethod.PUT, "/v1/tables/storefronts", token, new JsonObject())
            .map(r -> expect(201, r))
            .compose(r -> admin(HttpMethod.PUT, "/v1/tables/storefronts/entries/storefrontA", token, entry))
            .map(r -> expect(201, r))
            .compose(r -> admin(HttpMethod.PUT, "/v1/sites/shops.example.com", token, site)))
        .map(r -> expect(201, r))
        .compose(r -> visit("shops.example.com", "/storefrontA/cart?x=1"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals("origin saw /cart?x=1", expect(200, r).bodyAsString());
          assertEquals("storefrontA", r.getHeader("X-Storefront-ID"));
          ctx.completeNow();
        })));
  }

  /** A delete is announced on the change channel; the router stops routing the host (asked again until then). */
  @Test
  void deletedSiteStopsRouting(VertxTestContext ctx) {
    JsonObject site = new JsonObject().put("origin", new JsonObject().put("url", "http://127.0.0.1:" + originPort));
    tenantToken("jottings").compose(token -> admin(HttpMethod.PUT, "/v1/sites/gone.example.com", token, site)
            .map(r -> expect(201, r))
            .compose(r -> visit("gone.example.com", "/"))
            .map(r -> expect(200, r))
            .compose(r -> admin(HttpMethod.DELETE, "/v1/sites/gone.example.com", token, null)))
        .map(r -> expect(204, r))
        .compose(r -> visitUntil(404, "gone.example.com", "/", ATTEMPTS))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          expect(404, r);
          ctx.completeNow();
        })));
  }

  private Future<String> tenantToken(String tenant) {
    return admin(HttpMethod.PUT, "/v1/tenants/" + tenant, OPERATOR, null)
        .compose(r -> admin(HttpMethod.POST, "/v1/tenants/" + tenant + "/tokens", OPERATOR, null))
        .map(r -> expect(201, r).bodyAsJsonObject().getString("token"));
  }

  private Future<HttpResponse<Buffer>> admin(HttpMethod method, String path, String token, JsonObject body) {
    var request = client.request(method, adminPort, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  private Future<HttpResponse<Buffer>> visit(String host, String uri) {
    return client.get(routerPort, "127.0.0.1", uri).putHeader("Host", host).send();
  }

  private Future<HttpResponse<Buffer>> visitUntil(int status, String host, String uri, int attempts) {
    return visit(host, uri).compose(r -> r.statusCode() == status || attempts <= 1
        ? Future.succeededFuture(r)
        : visitUntil(status, host, uri, attempts - 1));
  }

  private static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response;
  }
}
