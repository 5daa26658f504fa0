package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Origins that answer too late or not at all: 504 after {@code router.firstByteTimeout}, a body
 * that stalls cut off after {@code router.idleTimeout}, 502 when refused, each as problem+json for a client that accepts JSON and one line of text otherwise.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProxyTimeoutsTest {

  private static final Map<String, String> WANTS_JSON = Map.of("Accept", "application/json");

  private RouterHarness router;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("firstByteTimeout", "1s").put("idleTimeout", "2s"));
  }

  @Test
  void anOriginSlowerThanTheFirstByteTimeoutGets504(Vertx vertx) {
    // Holds every request without answering; the router must give up on its own.
    TestOrigin slow = await(TestOrigin.start(vertx, "slow", false, request -> { }));
    router.putSite("slow.example", new JsonObject().put("origin", origin("http://slow.internal", slow.port())));

    long started = System.nanoTime();
    RouterHarness.Answer text = router.get("slow.example", "/report");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(504, text.status());
    assertTrue(text.headers().get("Content-Type").startsWith("text/plain"), text.headers().get("Content-Type"));
    assertTrue(text.body().startsWith("504 Gateway Timeout: "), text.body());
    assertTrue(tookMillis >= 1000, "answered before the timeout: " + tookMillis + " ms");

    RouterHarness.Answer json = await(router.send(HttpMethod.GET, "slow.example", "/report", WANTS_JSON, null));
    assertEquals(504, json.status());
    assertEquals(ErrorResponses.PROBLEM_JSON, json.headers().get("Content-Type"));
    assertEquals(504, new JsonObject(json.body()).getInteger("status"));
    assertEquals(json.headers().get(ForwardedHeaders.X_REQUEST_ID), slow.last().headers().get(ForwardedHeaders.X_REQUEST_ID));
  }

  @Test
  void anUploadSlowerThanTheFirstByteTimeoutIsNotCutOff(Vertx vertx) {
    TestOrigin origin = await(TestOrigin.start(vertx, "patient"));
    router.putSite("upload.example", new JsonObject().put("origin", origin("http://upload.internal", origin.port())));

    // The visitor pauses mid-body for longer than the first-byte timeout (and less than the idle
    // one): that clock must not run until the router has sent the whole request.
    Future<RouterHarness.Answer> answer = router.onLoop(() -> router.client.request(new RequestOptions().setMethod(HttpMethod.PUT)
            .setHost("127.0.0.1").setPort(router.port).setURI("/slowly"))
        .compose(request -> {
          request.authority(HostAndPort.create("upload.example", router.port)).setChunked(true).write("first|");
          vertx.setTimer(1500, id -> request.end("second"));
          return request.response();
        })
        .compose(r -> r.body().map(b -> new RouterHarness.Answer(r.statusCode(), r.headers(), b.toString()))));

    assertEquals(200, await(answer).status());
    assertEquals("first|second", origin.last().body());
  }

  @Test
  void anOriginThatStallsMidBodyIsCutOffByTheIdleTimeout(Vertx vertx) {
    // Sends the head and a first chunk, then nothing more, ever.
    TestOrigin stalling = await(TestOrigin.start(vertx, "stalling", false,
        request -> request.response().setChunked(true).write("part|")));
    router.putSite("stall.example", new JsonObject().put("origin", origin("http://stall.internal", stalling.port())));

    long started = System.nanoTime();
    Future<String> body = router.onLoop(() -> router.client.request(new RequestOptions().setHost("127.0.0.1")
            .setPort(router.port).setURI("/stream"))
        .compose(request -> {
          request.authority(HostAndPort.create("stall.example", router.port));
          return request.send();
        })
        .compose(response -> response.body().map(b -> response.statusCode() + " " + b)));
    // The head and first chunk come at once; then the origin connection is idle until the router gives up.
    Throwable cut = assertThrows(AssertionError.class, () -> await(body), "a stalled body must not end as if complete");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(tookMillis >= 2_000 && tookMillis < 10_000, "cut off after " + tookMillis + " ms: " + cut.getMessage());
  }

  @Test
  void aRefusedOriginGets502() {
    int closed = FreePorts.freePort();
    router.putSite("down.example", new JsonObject().put("origin", origin("http://down.internal", closed)));

    RouterHarness.Answer text = router.get("down.example", "/");
    assertEquals(502, text.status());
    assertTrue(text.body().startsWith("502 Bad Gateway: "), text.body());

    RouterHarness.Answer json = await(router.send(HttpMethod.GET, "down.example", "/",
        Map.of("Accept", "text/html;q=0.9, application/problem+json"), null));
    assertEquals(502, json.status());
    assertEquals(ErrorResponses.PROBLEM_JSON, json.headers().get("Content-Type"));
    JsonObject problem = new JsonObject(json.body());
    assertEquals("Bad Gateway", problem.getString("title"));
    assertEquals(502, problem.getInteger("status"));
  }
}
