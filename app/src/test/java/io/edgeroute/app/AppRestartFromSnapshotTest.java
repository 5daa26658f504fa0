package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.EmbeddedRedisServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The whole app as {@code java -jar} runs it (MainVerticle: config file, Redis store, cache
 * verticle, two router instances sharing the node's microcache): stopped, then started again on a
 * fresh Vert.x while Redis is down, it routes every host it had cached, from its snapshot file.
 * Standalone Redis only: the same restart over Redis Cluster is covered, verticle by verticle, by
 * {@code MicrocacheClusterRedisTest} in the router module.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AppRestartFromSnapshotTest {

  private static final int HOSTS = 10;

  @TempDir
  Path dir;
  private EmbeddedRedisServer redis;
  private HttpServer origin;

  @BeforeEach
  void start(Vertx vertx) {
    redis = EmbeddedRedisServer.start();
    origin = await(vertx.createHttpServer().requestHandler(r -> r.response().end("origin " + r.uri()))
        .listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  @Test
  void restartedWhileRedisIsDownRoutesEveryHostItHadCached(Vertx vertx) throws IOException {
    Path file = Files.writeString(dir.resolve("edgeroute.json"), config().encodePrettily());
    DeploymentOptions main = new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString()));
    KvKeys keys = KvKeys.defaults();
    // Written as a platform may (SPEC §2): plain SETs straight into Redis.
    try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
      for (int i = 0; i < HOSTS; i++) {
        jedis.set(keys.site(host(i)), new JsonObject().put("version", 1).put("origin", new JsonObject()
            .put("url", "http://origin.internal").put("connectTo", "127.0.0.1:" + origin.actualPort())).encode());
      }
    }

    String first = await(vertx.deployVerticle(new MainVerticle(), main));
    WebClient before = WebClient.create(vertx);
    for (int i = 0; i < HOSTS; i++) {
      assertEquals("origin /", get(vertx, before, host(i)).bodyAsString());
    }
    await(vertx.undeploy(first));
    redis.stop();

    Vertx restarted = Vertx.vertx();
    try {
      await(restarted.deployVerticle(new MainVerticle(), main));
      WebClient after = WebClient.create(restarted);
      for (int i = 0; i < HOSTS; i++) {
        HttpResponse<Buffer> answer = get(restarted, after, host(i));
        assertEquals(200, answer.statusCode(), host(i));
        assertEquals("origin /", answer.bodyAsString());
      }
      HttpResponse<Buffer> unknown = get(restarted, after, "never-seen.example");
      assertEquals(503, unknown.statusCode());
      assertNotNull(unknown.getHeader("Retry-After"));
    } finally {
      await(restarted.close());
    }
  }

  private JsonObject config() {
    return new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("admin", new JsonObject().put("port", 0))
        .put("kv", new JsonObject().put("type", "redis")
            .put("redis", new JsonObject().put("type", "standalone").put("endpoints", new JsonArray().add(redis.endpoint())))
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve("kv-snapshot.jsonl").toString())));
  }

  /** Sent from an event-loop context: driven from the JUnit thread, the client now and then loses a response. */
  private static HttpResponse<Buffer> get(Vertx vertx, WebClient client, String host) {
    Promise<HttpResponse<Buffer>> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.get(BoundPorts.get(vertx, BoundPorts.ROUTER), "127.0.0.1", "/")
        .putHeader("Host", host).send().onComplete(answer));
    return await(answer.future());
  }

  private static String host(int i) {
    return "known" + i + ".example";
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
