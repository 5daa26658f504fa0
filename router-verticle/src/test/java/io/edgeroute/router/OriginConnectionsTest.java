package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The router's own origin connections ({@link OriginPool}, {@link OriginCall}): what makes a
 * connection unfit for the next request, how an origin is dialled, and what a change of the
 * router's options does to the connections already open.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OriginConnectionsTest {

  private RouterHarness router;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
  }

  /**
   * RFC 9110 §15.2.2: a server sends 101 only to a request that asked for an upgrade. Whatever an
   * origin sends after an unasked 101 is not HTTP; none of it may reach the visitor, and the
   * connection is not used again.
   */
  @Test
  void anOriginThatSwitchesProtocolsUnaskedGets502AndItsConnectionIsNotReused(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> r.requestLine().startsWith("GET /switch")
        ? "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\nUpgrade: other\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret"
        : RawOrigin.ok("fresh on connection " + r.connection())));
    router.putSite("switch.example", new JsonObject().put("origin", origin("http://switch.internal", origin.port())));

    RouterHarness.Answer switched = router.get("switch.example", "/switch");
    assertEquals(502, switched.status());
    assertFalse(switched.body().contains("secret"), switched.body());

    RouterHarness.Answer next = router.get("switch.example", "/next");
    assertEquals(200, next.status(), next.body());
    assertEquals("fresh on connection 2", next.body());
  }

  /**
   * An origin may answer before it has read the whole request (a 413 to an upload). The rest of
   * the body may still be on its way, so the connection cannot carry another request.
   */
  @Test
  void aConnectionAnsweredBeforeItsUploadWasSentIsNotReused(Vertx vertx) {
    AtomicInteger connections = new AtomicInteger();
    HttpServer early = await(vertx.createHttpServer()
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(request -> request.response().setStatusCode(request.method() == HttpMethod.POST ? 413 : 200)
            .end("on connection " + connections.get()))
        .listen(0, "127.0.0.1"));
    router.putSite("early.example", new JsonObject().put("origin", origin("http://early.internal", early.actualPort())));

    Buffer upload = Buffer.buffer(new byte[4 * 1024 * 1024]);
    RouterHarness.Answer refused = await(router.send(HttpMethod.POST, "early.example", "/upload", Map.of(), upload));
    assertEquals(413, refused.status());

    RouterHarness.Answer next = router.get("early.example", "/next");
    assertEquals(200, next.status(), next.body());
    assertEquals("on connection 2", next.body());
    assertEquals(2, connections.get());
  }

  /** An operator's origin named by a host name is resolved (asynchronously) and dialled. */
  @Test
  void anOriginNamedByAHostNameIsResolvedAndDialled(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx));
    router.putSite("named.example", new JsonObject().put("origin",
        new JsonObject().put("url", "http://localhost:" + origin.port())));

    RouterHarness.Answer answer = router.get("named.example", "/by-name");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("saw GET /by-name HTTP/1.1", answer.body());
    assertEquals(List.of("localhost:" + origin.port()), origin.requests().get(0).header("host"));
  }

  /**
   * New pool limits take a new pool: the idle connections of the old one are closed at once, and
   * the next request opens a connection of the new pool.
   */
  @Test
  void newRouterOptionsCloseTheIdleConnectionsOfTheOldPool(Vertx vertx) {
    AtomicInteger connections = new AtomicInteger();
    Promise<Void> firstClosed = Promise.promise();
    HttpServer origin = await(vertx.createHttpServer()
        .connectionHandler(c -> {
          if (connections.incrementAndGet() == 1) {
            c.closeHandler(v -> firstClosed.tryComplete());
          }
        })
        .requestHandler(request -> request.response().end("on connection " + connections.get()))
        .listen(0, "127.0.0.1"));
    router.putSite("pooled.example", new JsonObject().put("origin", origin("http://pooled.internal", origin.actualPort())));
    assertEquals("on connection 1", router.get("pooled.example", "/one").body());
    assertEquals("on connection 1", router.get("pooled.example", "/two").body());

    JsonObject changed = RouterHarness.withLoopbackRouter(new JsonObject());
    changed.getJsonObject("router").put("maxConnectionsPerOrigin", 7);
    ConfigChanges.publish(vertx, new EdgerouteOptions(changed));
    await(firstClosed.future());

    assertEquals("on connection 2", router.get("pooled.example", "/three").body());
  }

  /**
   * An origin closes an idle connection when the timeout it announced runs out (Node.js: 5 s); a
   * request with a body written just then would be lost, and is not sent twice. A connection is not
   * reused once the announced timeout is nearly over; {@code timeout=0} allows no reuse at all.
   */
  @Test
  void aConnectionIsReusedOnlyWithinTheKeepAliveTimeoutTheOriginAnnounced(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> {
      String timeout = r.requestLine().contains("/brief") ? "0" : "60";
      String body = "on connection " + r.connection();
      return "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=" + timeout + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }));
    router.putSite("kept.example", new JsonObject().put("origin", origin("http://kept.internal", origin.port())));

    assertEquals("on connection 1", router.get("kept.example", "/long").body());
    assertEquals("on connection 1", await(router.send(HttpMethod.PUT, "kept.example", "/long", Map.of(),
        Buffer.buffer("kept"))).body());
    assertEquals("on connection 1", router.get("kept.example", "/brief").body());
    assertEquals("on connection 2", router.get("kept.example", "/long").body());
  }

  /**
   * An HTTP/1.0 answer without a Content-Length ends where its connection does (RFC 9112 §6.3):
   * the whole body reaches the visitor, and the connection is not used again.
   */
  @Test
  void anHttp10AnswerWithoutALengthIsReadToItsCloseAndItsConnectionIsNotReused(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> r.requestLine().startsWith("GET /old")
        ? RawOrigin.thenHangUp("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nread to the end")
        : RawOrigin.ok("on connection " + r.connection())));
    router.putSite("old.example", new JsonObject().put("origin", origin("http://old.internal", origin.port())));

    RouterHarness.Answer old = router.get("old.example", "/old");
    assertEquals(200, old.status(), old.body());
    assertEquals("read to the end", old.body());

    // A POST is never sent twice: on the closed connection it would fail rather than be retried.
    RouterHarness.Answer next = await(router.send(HttpMethod.POST, "old.example", "/next", Map.of(), Buffer.buffer("x")));
    assertEquals(200, next.status(), next.body());
    assertEquals("on connection 2", next.body());
  }

  /** An origin that says {@code Connection: close} and leaves the connection open anyway is not taken at its socket. */
  @Test
  void anAnswerThatSaysConnectionCloseEndsItsConnection(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> {
      String body = "on connection " + r.connection();
      return "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }));
    router.putSite("closing.example", new JsonObject().put("origin", origin("http://closing.internal", origin.port())));

    assertEquals("on connection 1", router.get("closing.example", "/one").body());
    assertEquals("on connection 2", router.get("closing.example", "/two").body());
  }

  /**
   * An answer whose connection closes before the body its Content-Length announced is not passed
   * off as complete: the visitor gets the head and what came, then its connection is closed.
   */
  @Test
  void anAnswerCutShortByTheOriginEndsTheVisitorsConnectionShortOfItsLength(Vertx vertx) throws Exception {
    RawOrigin origin = await(RawOrigin.start(vertx, r ->
        RawOrigin.thenHangUp("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly some")));
    router.putSite("short.example", new JsonObject().put("origin", origin("http://short.internal", origin.port())));

    try (RawVisitor visitor = new RawVisitor(router.port)) {
      visitor.send("GET /short HTTP/1.1\r\nHost: short.example\r\n\r\n");
      RawVisitor.Answer cut = visitor.read();
      assertEquals(200, cut.status(), cut.head());
      assertEquals("only some", cut.body());
      assertTrue(visitor.endOfStream(), "the visitor's connection stays open after a short body");
    }
  }

  /**
   * A chunked answer with extensions (ignored, RFC 9112 §7.1.1: token and quoted values, bare names)
   * and trailers ends at its last chunk; the connection goes on to the next request.
   */
  @Test
  void aChunkedAnswerWithTrailersIsRelayedWholeAndItsConnectionReused(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> r.requestLine().startsWith("GET /chunked")
        ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a=1;b=\"two\"\r\nhello\r\n7;ext=1\r\n, world\r\n0;last\r\nX-Checksum: 1\r\n\r\n"
        : RawOrigin.ok("on connection " + r.connection())));
    router.putSite("chunks.example", new JsonObject().put("origin", origin("http://chunks.internal", origin.port())));

    RouterHarness.Answer chunked = router.get("chunks.example", "/chunked");
    assertEquals(200, chunked.status(), chunked.body());
    assertEquals("hello, world", chunked.body());

    assertEquals("on connection 1", router.get("chunks.example", "/next").body());
  }

  /**
   * The answer to a HEAD has no body whatever its Content-Length says (RFC 9110 §9.3.2): the next
   * answer on the connection is read as the next answer, not as the HEAD's body.
   */
  @Test
  void theAnswerToAHeadHasNoBodyAndTheConnectionIsReusedInStep(Vertx vertx) {
    RawOrigin origin = await(RawOrigin.start(vertx, r -> r.requestLine().startsWith("HEAD")
        ? "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"
        : RawOrigin.ok("on connection " + r.connection())));
    router.putSite("head.example", new JsonObject().put("origin", origin("http://head.internal", origin.port())));

    RouterHarness.Answer head = await(router.send(HttpMethod.HEAD, "head.example", "/head", Map.of(), null));
    assertEquals(200, head.status());
    assertEquals("1234", head.headers().get("content-length"));
    assertEquals("", head.body());

    assertEquals("on connection 1", router.get("head.example", "/next").body());
  }

  /**
   * A connect to a port of this host where nothing listens can be given that very port as its own:
   * the socket is connected to itself and would read its request back as the answer. The pool
   * tells such a connection from a real one (and takes it for a refused connection).
   */
  @Test
  void aSocketConnectedToItselfIsToldFromAConnectionToAnOrigin(Vertx vertx) throws Exception {
    VertxInternal internal = (VertxInternal) vertx;
    Bootstrap bootstrap = new Bootstrap().group(internal.nettyEventLoopGroup())
        .channelFactory(internal.transport().channelFactory(false))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            // Nothing is read: only the addresses matter.
          }
        });
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), free);
    Channel toItself = bootstrap.clone().localAddress(self).connect(self).sync().channel();
    Channel toOrigin = bootstrap.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), router.port)).sync().channel();
    try {
      assertTrue(OriginPool.connectedToItself(toItself), toItself.localAddress() + " -> " + toItself.remoteAddress());
      assertFalse(OriginPool.connectedToItself(toOrigin), toOrigin.localAddress() + " -> " + toOrigin.remoteAddress());
    } finally {
      toItself.close().sync();
      toOrigin.close().sync();
    }
  }
}
