package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drain (SPEC §8) with a WebSocket tunnel open: the visitor gets close code 1001. A Vert.x of its
 * own, closed only after the drained router is gone, so no other test shares a draining node.
 */
class WebSocketDrainTest {

  private Vertx vertx;
  private RouterHarness router;

  @BeforeEach
  void deploy() {
    vertx = Vertx.vertx();
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("fallbackHost", "ws.example"));
    TestOrigin echo = await(TestOrigin.start(vertx, "echo"));
    router.putSite("ws.example", new JsonObject().put("origin", origin("http://chat.internal", echo.port())));
  }

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void aDrainClosesOpenTunnelsWithGoingAway() {
    WebSocket socket = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(router.port).setURI("/chat")));
    Promise<Short> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    GoingAway.drainTimeout(600);

    Readiness.startDraining(vertx);
    Future<Void> undeployed = router.close();

    assertEquals((short) GoingAway.STATUS, await(closed.future()));
    // The drain ends once the last connection, the tunnel, is closed: well before shutdown.timeout.
    await(undeployed);
  }
}
