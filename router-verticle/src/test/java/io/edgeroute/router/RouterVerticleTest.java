package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class RouterVerticleTest {

  private int port;
  private WebClient client;

  private static JsonObject config() {
    return new JsonObject().put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1));
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    MemoryKvStore.open(vertx, null, KvKeys.defaults())
        .compose(store -> vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, KvKeys.defaults())),
            new DeploymentOptions().setConfig(config())))
        .onComplete(ctx.succeeding(id -> {
          port = BoundPorts.get(vertx, BoundPorts.ROUTER);
          ctx.completeNow();
        }));
    client = WebClient.create(vertx);
  }

  @Test
  void unknownHostIsAProblem404ForJsonClients(VertxTestContext ctx) {
    client.get(port, "127.0.0.1", "/post/1").putHeader("Host", "MyBlog.com.").putHeader("Accept", "application/json")
        .send().onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(404, resp.statusCode());
          assertEquals(ErrorResponses.PROBLEM_JSON, resp.getHeader("Content-Type"));
          JsonObject problem = resp.bodyAsJsonObject();
          assertEquals(404, problem.getInteger("status"));
          assertEquals("Not Found", problem.getString("title"));
          assertTrue(problem.getString("detail").contains("\"myblog.com\""), problem.encode());
          ctx.completeNow();
        })));
  }

  @Test
  void unknownHostIsOneLineOfTextForOtherClients(VertxTestContext ctx) {
    client.get(port, "127.0.0.1", "/").putHeader("Host", "example.org").putHeader("Accept", "*/*")
        .send().onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(404, resp.statusCode());
          assertTrue(resp.getHeader("Content-Type").startsWith("text/plain"));
          String body = resp.bodyAsString();
          assertEquals(1, body.split("\n").length);
          ctx.completeNow();
        })));
  }

  @Test
  void duplicatedHostIs400(Vertx vertx, VertxTestContext ctx) {
    raw(vertx, "GET / HTTP/1.1\r\nHost: a.com\r\nHost: b.com\r\nConnection: close\r\n\r\n")
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertTrue(resp.startsWith("HTTP/1.1 400"), resp);
          ctx.completeNow();
        })));
  }

  @Test
  void missingHostIs400(Vertx vertx, VertxTestContext ctx) {
    raw(vertx, "GET / HTTP/1.0\r\n\r\n").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertTrue(resp.startsWith("HTTP/1.0 400") || resp.startsWith("HTTP/1.1 400"), resp);
      ctx.completeNow();
    })));
  }

  @Test
  void responseHeadersAreLive(Vertx vertx, VertxTestContext ctx) {
    JsonObject next = config();
    next.getJsonObject("router").put("responseHeaders", new JsonObject().put("X-Served-By", "edgeroute"));
    ConfigChanges.publish(vertx, new EdgerouteOptions(next));
    client.get(port, "127.0.0.1", "/").putHeader("Host", "example.org").send()
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals("edgeroute", resp.getHeader("X-Served-By"));
          ctx.completeNow();
        })));
  }

  @Test
  void acceptsJsonOnlyWhenAsked() {
    assertTrue(ErrorResponses.acceptsJson("application/problem+json"));
    assertTrue(ErrorResponses.acceptsJson("text/html, application/json;q=0.5"));
    assertFalse(ErrorResponses.acceptsJson("*/*"));
    assertFalse(ErrorResponses.acceptsJson("application/json;q=0"));
    assertFalse(ErrorResponses.acceptsJson(null));
  }

  /** Sends raw bytes (for requests a well-behaved client cannot make) and returns all the server said. */
  private Future<String> raw(Vertx vertx, String request) {
    return vertx.createNetClient().connect(port, "127.0.0.1").compose((NetSocket socket) -> {
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      Future<String> closed = Future.future(p -> socket.closeHandler(x -> p.complete(received.toString())));
      return socket.write(request).compose(v -> closed);
    });
  }
}
