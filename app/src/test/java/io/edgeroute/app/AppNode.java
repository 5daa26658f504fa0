package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.config.MetricsOptions;
import io.edgeroute.shared.metrics.Metrics;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One whole Edgeroute node in the test JVM, as the launcher builds it: its own Vert.x (with
 * metrics, as {@code EdgerouteApplication} sets them up, when asked), {@link MainVerticle} reading a
 * configuration file, and a client for its two listeners. Calls block the test thread.
 */
final class AppNode implements AutoCloseable {

  static final String OPERATOR = "operator-secret";
  private static final long WAIT_S = 20;

  final Vertx vertx;
  final WebClient client;
  final int routerPort;
  final int adminPort;

  private AppNode(Vertx vertx, int routerPort, int adminPort) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.routerPort = routerPort;
    this.adminPort = adminPort;
  }

  /**
   * @param overrides merged over a loopback, port-0, memory-KV configuration in {@code dir}
   * @param metrics   whether Vert.x runs with metrics on, as the launcher starts it
   */
  static AppNode start(Path dir, JsonObject overrides, boolean metrics) throws Exception {
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("admin", new JsonObject().put("port", 0).put("allowPrivateOrigins", true)
            .put("operatorTokens", new JsonArray().add(OPERATOR)))
        .put("kv", new JsonObject().put("file", dir.resolve("kv.json").toString())
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve("kv-snapshot.json").toString())));
    config.mergeIn(overrides, true);
    Path file = Files.writeString(dir.resolve("edgeroute.json"), config.encodePrettily());
    VertxOptions options = new VertxOptions();
    Vertx vertx = metrics
        ? Metrics.enable(Vertx.builder().with(options), options, new MetricsOptions(), Metrics.newRegistry()).build()
        : Vertx.vertx();
    vertx.deployVerticle(new MainVerticle(), new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString())))
        .await(WAIT_S, TimeUnit.SECONDS);
    return new AppNode(vertx, BoundPorts.get(vertx, BoundPorts.ROUTER), BoundPorts.get(vertx, BoundPorts.ADMIN));
  }

  /** Creates tenant {@code tenant} and its site {@code host} with {@code site} as the document. */
  void putSite(String tenant, String host, JsonObject site) throws Exception {
    admin(HttpMethod.PUT, "/v1/tenants/" + tenant, null);
    String token = admin(HttpMethod.POST, "/v1/tenants/" + tenant + "/tokens", null).bodyAsJsonObject().getString("token");
    HttpResponse<Buffer> put = client.request(HttpMethod.PUT, adminPort, "127.0.0.1", "/v1/sites/" + host)
        .putHeader("Authorization", "Bearer " + token).sendJsonObject(site).await(WAIT_S, TimeUnit.SECONDS);
    assertEquals(201, put.statusCode(), put.bodyAsString());
  }

  HttpResponse<Buffer> admin(HttpMethod method, String path, JsonObject body) throws Exception {
    var request = client.request(method, adminPort, "127.0.0.1", path).putHeader("Authorization", "Bearer " + OPERATOR);
    return (body == null ? request.send() : request.sendJsonObject(body)).await(WAIT_S, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> get(int port, String path) throws Exception {
    return client.get(port, "127.0.0.1", path).send().await(WAIT_S, TimeUnit.SECONDS);
  }

  HttpResponse<Buffer> visit(String host, String uri) throws Exception {
    return client.get(routerPort, "127.0.0.1", uri).putHeader("Host", host).send().await(WAIT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(WAIT_S, TimeUnit.SECONDS);
  }
}
