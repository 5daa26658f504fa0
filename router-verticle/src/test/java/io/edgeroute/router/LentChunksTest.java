package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ResponseCacheOptions;
import io.edgeroute.shared.http.LentBuffer;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.Await;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Origin body chunks reach the visitor in the pooled memory they were read into (LentBuffer): each
 * answer arrives byte for byte however many share the router at once, and every chunk goes back to
 * its pool, whether the visitor read it all or left midway; a stored answer keeps its own copy.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LentChunksTest {

  private static final int ANSWERS = 48;
  /** The body a visitor asks for and leaves unread for a while: more than loopback sockets buffer. */
  private static final int STALLED = 2000;

  private RouterHarness router;
  private long lentBefore;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject(),
        new ResponseCache(vertx, new ResponseCacheOptions()));
    TestOrigin origin = await(TestOrigin.start(vertx, "bodies", false, request -> {
      int n = Integer.parseInt(request.path().substring(request.path().lastIndexOf('/') + 1));
      send(request.response(), body(n), request.getParam("chunked") != null);
    }));
    router.putSite("files.example", new JsonObject().put("origin", origin("http://files.internal", origin.port())));
    router.putSite("cached.example", new JsonObject().put("origin", origin("http://files.internal", origin.port()))
        .put("cache", new JsonObject().put("enabled", true).put("defaultTtl", 600)));
    // Chunks earlier tests' routers left for the collector must not come back in the middle of this one.
    Await.until("no chunk of an earlier test still lent", () -> {
      System.gc();
      return LentBuffer.outstanding() == 0;
    });
    lentBefore = LentBuffer.outstanding();
  }

  @Test
  void manyLargeAnswersAtOnceArriveIntactWhileVisitorsReadAtTheirOwnPace() throws Exception {
    List<RawVisitor> visitors = new ArrayList<>();
    try {
      // One visitor reads nothing at first: an answer larger than the sockets hold stalls in the
      // router, in lent chunks.
      RawVisitor stalled = visitor(visitors, STALLED);
      Await.until("chunks lent to a visitor who does not read", () -> LentBuffer.outstanding() > lentBefore);
      for (int n = 0; n < ANSWERS; n++) {
        visitor(visitors, n);
      }
      for (int n = 0; n < ANSWERS; n++) {
        assertBody(n, visitors.get(n + 1).read());
      }
      assertBody(STALLED, stalled.read());
    } finally {
      for (RawVisitor visitor : visitors) {
        visitor.close();
      }
    }
    Await.until("every lent chunk back in its pool", () -> LentBuffer.outstanding() == lentBefore);
  }

  private RawVisitor visitor(List<RawVisitor> visitors, int n) throws IOException {
    RawVisitor visitor = new RawVisitor(router.port);
    visitors.add(visitor);
    visitor.send("GET /body/" + n + (n % 3 == 0 ? "?chunked" : "") + " HTTP/1.1\r\nHost: files.example\r\n\r\n");
    return visitor;
  }

  private static void assertBody(int n, RawVisitor.Answer answer) {
    assertEquals(200, answer.status(), "answer " + n);
    assertArrayEquals(body(n), answer.body().getBytes(StandardCharsets.ISO_8859_1), "answer " + n);
  }

  @Test
  void largeReadsFromOriginsAndVisitorsComeFromNettysPooledAllocator(Vertx vertx) {
    // Netty's default allocator, on a heap of 512 MiB or less, pools nothing above 16,896 bytes
    // (ChannelAllocator): the router's connections take such buffers from the pooled allocator.
    long before = pooledAllocations();
    Buffer answer = await(router.onLoop(() -> open(router, "/body/40").compose(HttpClientRequest::send)
        .compose(HttpClientResponse::body)));
    assertArrayEquals(body(40), answer.getBytes());
    long afterAnswer = pooledAllocations();
    assertTrue(afterAnswer > before, "no read of an 840 KiB answer from the origin came from the pool");

    TestOrigin counting = await(TestOrigin.start(vertx, "counting", false, request -> request.body()
        .onSuccess(body -> request.response().end(Integer.toString(body.length())))));
    router.putSite("upload.example", new JsonObject().put("origin", origin("http://upload.internal", counting.port())));
    byte[] upload = body(60);
    String length = await(router.onLoop(() -> open(router, "upload.example", "/").compose(request -> request
        .setMethod(HttpMethod.POST).send(Buffer.buffer(upload))).compose(HttpClientResponse::body))).toString();
    assertEquals(Integer.toString(upload.length), length);
    assertTrue(pooledAllocations() > afterAnswer, "no read of a 1.2 MiB upload from the visitor came from the pool");
  }

  /** Allocations Netty's pooled allocator served from its arenas (64 KiB buffers always are). */
  private static long pooledAllocations() {
    long n = 0;
    for (PoolArenaMetric arena : PooledByteBufAllocator.DEFAULT.metric().directArenas()) {
      n += arena.numNormalAllocations() + arena.numHugeAllocations();
    }
    return n;
  }

  @Test
  void theChunksOfVisitorsWhoStallThenLeaveGoBackToThePool() throws Exception {
    for (int n = 0; n < 3; n++) {
      try (Socket socket = new Socket("127.0.0.1", router.port)) {
        socket.getOutputStream().write(("GET /body/" + (1010 + n) + " HTTP/1.1\r\nHost: files.example\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        // The router now holds chunks for this visitor: written and waiting, and queued behind them.
        Await.until("chunks held for a visitor who reads nothing", () -> LentBuffer.outstanding() > lentBefore);
      }
      // Those Vert.x still queued when the visitor left go back when their views are collected.
      Await.until("every lent chunk back in its pool", () -> {
        System.gc();
        return LentBuffer.outstanding() == lentBefore;
      });
    }
  }

  @Test
  void theChunksOfAVisitorWhoLeavesMidBodyGoBackToThePool() throws Exception {
    for (int n = 0; n < 4; n++) {
      try (Socket socket = new Socket("127.0.0.1", router.port)) {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /body/" + (1000 + n) + " HTTP/1.1\r\nHost: files.example\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] some = new byte[64 * 1024];
        int read = 0;
        while (read < some.length) {
          int r = in.read(some, read, some.length - read);
          assertTrue(r > 0, "the answer ended before 64 KiB");
          read += r;
        }
        assertTrue(new String(some, 0, 15, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
      }
    }
    // Vert.x drops the chunks it still held for a reset answer without giving them back: those go
    // back when their views are collected.
    Await.until("every lent chunk back in its pool", () -> {
      System.gc();
      return LentBuffer.outstanding() == lentBefore;
    });
    // The router still answers whole bodies after all that.
    Buffer body = await(router.onLoop(() -> open(router, "/body/7").compose(HttpClientRequest::send)
        .compose(HttpClientResponse::body)));
    assertArrayEquals(body(7), body.getBytes());
  }

  @Test
  void aStoredBodyIsACopyThatOutlivesTheChunksItWasStreamedIn() {
    Buffer miss = await(router.onLoop(() -> open(router, "cached.example", "/body/20").compose(HttpClientRequest::send)
        .compose(HttpClientResponse::body)));
    assertArrayEquals(body(20), miss.getBytes());
    // Other answers reuse the pooled memory the stored answer's chunks were read into.
    for (int n = 30; n < 38; n++) {
      int other = n;
      Buffer body = await(router.onLoop(() -> open(router, "files.example", "/body/" + other)
          .compose(HttpClientRequest::send).compose(HttpClientResponse::body)));
      assertArrayEquals(body(other), body.getBytes());
    }
    HttpClientResponse[] head = new HttpClientResponse[1];
    Buffer hit = await(router.onLoop(() -> open(router, "cached.example", "/body/20").compose(HttpClientRequest::send)
        .compose(response -> {
          head[0] = response;
          return response.body();
        })));
    assertTrue(head[0].getHeader("Cache-Status").contains("hit"), head[0].getHeader("Cache-Status"));
    assertArrayEquals(body(20), hit.getBytes());
    Await.until("every lent chunk back in its pool", () -> LentBuffer.outstanding() == lentBefore);
  }

  @Test
  void aBodyTheOriginEndsByClosingArrivesWholeAndGoesBack(Vertx vertx) {
    // Neither a length nor chunks: the body ends when the origin closes, and its last chunks are
    // decoded as the connection goes inactive.
    NetServer closing = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    closing.connectHandler(socket -> socket.handler(request -> {
      socket.handler(null);
      socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"));
      socket.end(Buffer.buffer(body(25)));
    }));
    await(closing.listen());
    router.putSite("closing.example", new JsonObject().put("origin", origin("http://closing.internal", closing.actualPort())));

    for (int i = 0; i < 3; i++) {
      Buffer body = await(router.onLoop(() -> open(router, "closing.example", "/").compose(HttpClientRequest::send)
          .compose(HttpClientResponse::body)));
      assertArrayEquals(body(25), body.getBytes());
    }
    Await.until("every lent chunk back in its pool", () -> LentBuffer.outstanding() == lentBefore);
  }

  private Future<HttpClientRequest> open(RouterHarness visitor, String uri) {
    return open(visitor, "files.example", uri);
  }

  private Future<HttpClientRequest> open(RouterHarness visitor, String host, String uri) {
    return visitor.client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(visitor.port).setURI(uri)).map(request -> request.authority(HostAndPort.create(host, visitor.port)));
  }

  /** A body of its own for each n: 40 KiB to nearly 1 MiB (16 MiB for visitors who stall or leave), random bytes. */
  private static byte[] body(int n) {
    int length = n >= 1000 ? 16 * 1024 * 1024 : 40 * 1024 + n * 20_011;
    byte[] bytes = new byte[length];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code bytes} in uneven pieces, with a Content-Length or chunked. */
  private static void send(HttpServerResponse response, byte[] bytes, boolean chunked) {
    if (chunked) {
      response.setChunked(true);
    } else {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
    }
    Buffer all = Buffer.buffer(bytes);
    int at = 0;
    for (int piece = 1; at < bytes.length; piece++) {
      int next = Math.min(bytes.length, at + piece * 7_001);
      response.write(all.slice(at, next));
      at = next;
    }
    response.end();
  }
}
