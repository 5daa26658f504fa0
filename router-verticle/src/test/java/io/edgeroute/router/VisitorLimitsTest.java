package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The visitor side's time and count limits (SPEC §4a): {@code router.headerTimeout} against
 * slowloris, the body idle cut, {@code router.maxConnections}; and broken routing data contained
 * to its own host.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class VisitorLimitsTest {

  private static final int SLOWLORIS = 500;
  private static final long HEADER_TIMEOUT_MS = 1000;

  private RawOrigin origin;
  private RouterHarness router;

  private void deploy(Vertx vertx, JsonObject options) {
    origin = await(RawOrigin.start(vertx));
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), options);
    router.putSite("a.test", new JsonObject().put("origin", origin("http://a.internal", origin.port()).put("path", "/sites/a")));
  }

  @AfterEach
  void close() {
    if (router != null) {
      await(router.close());
    }
  }

  /** One trickling connection: when it opened and when the router closed it, and what it answered. */
  private static final class Trickler {
    /** When the connection was established, as the visitor saw it. */
    long openedAt;
    final Promise<Long> closedAfterMs = Promise.promise();
    final StringBuilder answer = new StringBuilder();
    NetSocket socket;
  }

  @Test
  void slowlorisConnectionsAreClosedAfterTheHeaderTimeoutWhileOthersAreServed(Vertx vertx) {
    deploy(vertx, new JsonObject().put("headerTimeout", HEADER_TIMEOUT_MS + "ms"));
    NetClient client = vertx.createNetClient(new NetClientOptions());
    List<Trickler> tricklers = new ArrayList<>();
    List<Future<Long>> closed = new ArrayList<>();
    for (int i = 0; i < SLOWLORIS; i++) {
      Trickler t = new Trickler();
      tricklers.add(t);
      closed.add(t.closedAfterMs.future());
    }
    // Connect and start trickling from the event loop, one byte per second per connection.
    router.onLoop(() -> {
      for (Trickler t : tricklers) {
        client.connect(router.port, "127.0.0.1").onSuccess(socket -> {
          t.openedAt = System.nanoTime();
          t.socket = socket;
          socket.handler(b -> t.answer.append(b.toString()));
          socket.closeHandler(v -> t.closedAfterMs.tryComplete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t.openedAt)));
          socket.write("GET / HTTP/1.1\r\nHost: a.test\r\n");
        }).onFailure(t.closedAfterMs::tryFail);
      }
      vertx.setPeriodic(1000, id -> tricklers.stream().filter(t -> t.socket != null && !t.closedAfterMs.future().isComplete())
          .forEach(t -> t.socket.write("X")));
      return Future.succeededFuture();
    });
    // Meanwhile, ordinary visitors are answered.
    for (int i = 0; i < 20; i++) {
      assertEquals(200, router.get("a.test", "/ordinary" + i).status());
    }

    await(Future.all(closed));
    for (Trickler t : tricklers) {
      long after = t.closedAfterMs.future().result();
      assertTrue(after <= HEADER_TIMEOUT_MS + 1000, "closed after " + after + " ms");
      assertTrue(t.answer.toString().startsWith("HTTP/1.1 408 "), t.answer.toString());
    }
    assertTrue(origin.requests().stream().allMatch(r -> r.requestLine().startsWith("GET /sites/a/ordinary")));
  }

  @Test
  void aConnectionThatNeverSendsIsClosedSilently(Vertx vertx) throws Exception {
    deploy(vertx, new JsonObject().put("headerTimeout", "300ms"));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      assertTrue(visitor.endOfStream(), "closed after the header timeout");
    }
    assertEquals("", origin.allBytes());
  }

  @Test
  void aStalledBodyIsCut(Vertx vertx) throws Exception {
    deploy(vertx, new JsonObject().put("idleTimeout", "500ms").put("firstByteTimeout", "30s"));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("POST /upload HTTP/1.1\r\nHost: a.test\r\nContent-Length: 100\r\n\r\nonly a part");
      RawVisitor.Answer answer = visitor.read();
      // Whether an error answer made it out first or not, the connection ends.
      assertTrue(answer.closed() || visitor.endOfStream(), answer.head());
    }
    assertEquals(List.of(), origin.requests(), "no complete request reached the origin");
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout(Vertx vertx) throws Exception {
    deploy(vertx, new JsonObject().put("idleTimeout", "500ms"));
    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /once HTTP/1.1\r\nHost: a.test\r\n\r\n");
      assertEquals(200, visitor.read().status());
      assertTrue(visitor.endOfStream(), "closed once idle");
    }
  }

  @Test
  void connectionsBeyondTheBoundAreClosed(Vertx vertx) throws Exception {
    deploy(vertx, new JsonObject().put("maxConnections", 3));
    List<RawVisitor> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RawVisitor visitor = new RawVisitor(router.port);
      visitor.send("GET /held HTTP/1.1\r\nHost: a.test\r\n\r\n");
      assertEquals(200, visitor.read().status());
      held.add(visitor);
    }
    try (RawVisitor extra = new RawVisitor(router.port)) {
      assertTrue(extra.endOfStream(), "a fourth connection is closed at once");
    }
    held.remove(0).close();
    // The freed slot is usable once the router has seen the close.
    int status = -1;
    for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
      status = await(router.send(HttpMethod.GET, "a.test", "/freed", Map.of(), null).recover(t -> Future.succeededFuture(
          new RouterHarness.Answer(-1, null, "")))).status();
    }
    assertEquals(200, status);
    for (RawVisitor visitor : held) {
      visitor.close();
    }
  }

  @Test
  void brokenRoutingDataAnswers502ForItsHostAloneAndStallsNothing(Vertx vertx) {
    deploy(vertx, new JsonObject().put("maxConnectionsPerOrigin", 2));
    KvStore store = router.store;
    JsonObject broken = new JsonObject().put("origin", origin("http://a.internal", origin.port())
        .put("path", "/x\r\nX-Injected: 1"));
    await(store.put(RouterHarness.KEYS.site("broken.test"), broken.encode(), KvStore.ANY_VERSION));

    RouterHarness.Answer first = await(router.send(HttpMethod.GET, "broken.test", "/", Map.of(), null, 1000));
    assertEquals(502, first.status());
    for (int i = 0; i < 100; i++) {
      assertEquals(502, await(router.send(HttpMethod.GET, "broken.test", "/" + i, Map.of(), null, 1000)).status());
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(200, await(router.send(HttpMethod.GET, "a.test", "/fine" + i, Map.of(), null, 5000)).status());
    }
    assertTrue(origin.requests().stream().allMatch(r -> r.requestLine().startsWith("GET /sites/a/fine")), origin.allBytes());
    assertTrue(!origin.allBytes().contains("X-Injected"));
  }

}
