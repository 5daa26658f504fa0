package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A visitor who goes away must not leave an origin connection busy with nobody listening. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProxyReleaseTest {

  private RouterHarness router;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
  }

  @Test
  void aVisitorWhoDisconnectsMidStreamReleasesTheOriginConnection(Vertx vertx) {
    Promise<Void> originClosed = Promise.promise();
    // Sends a first chunk of a response that never ends, and reports when its connection goes.
    TestOrigin endless = await(TestOrigin.start(vertx, "endless", false, request -> {
      request.connection().closeHandler(v -> originClosed.tryComplete());
      request.response().setChunked(true).write(Buffer.buffer(new byte[16 * 1024]));
    }));
    router.putSite("stream.example", new JsonObject().put("origin", origin("http://stream.internal", endless.port())));

    Promise<Void> firstChunk = Promise.promise();
    HttpClientResponse response = await(router.onLoop(() -> router.client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setHost("127.0.0.1").setPort(router.port).setURI("/live"))
        .compose(request -> request.authority(HostAndPort.create("stream.example", router.port)).send())
        // Before the chunk that follows the head can be delivered.
        .onSuccess(r -> r.handler(chunk -> firstChunk.tryComplete()))));
    assertEquals(200, response.statusCode());
    await(firstChunk.future());

    await(response.request().connection().close());

    // Bounded by the harness's await; the origin's own timeouts are far longer (none are set).
    await(originClosed.future());
    assertEquals(1, endless.received.size());
  }

  @Test
  void aVisitorWhoBreaksOffAChunkedUploadNeverDeliversAShortCompleteBody(Vertx vertx) {
    Promise<Void> headArrived = Promise.promise();
    Promise<String> outcome = Promise.promise();
    TestOrigin sink = await(TestOrigin.start(vertx, "sink", false, request -> {
      request.handler(chunk -> headArrived.tryComplete());
      request.endHandler(v -> outcome.tryComplete("ended: the origin took a cut-off upload for a whole one"));
      request.exceptionHandler(t -> outcome.tryComplete("broken"));
      request.connection().closeHandler(v -> outcome.tryComplete("broken"));
    }));
    router.putSite("upload.example", new JsonObject().put("origin", origin("http://upload.internal", sink.port())));

    router.onLoop(() -> router.client.request(new RequestOptions().setMethod(HttpMethod.PUT)
            .setHost("127.0.0.1").setPort(router.port).setURI("/file"))
        .compose(request -> {
          request.authority(HostAndPort.create("upload.example", router.port)).setChunked(true)
              .write(Buffer.buffer(new byte[64 * 1024]));
          // Hang up once the origin is receiving the body, as a visitor losing its network would.
          return headArrived.future().compose(v -> request.connection().close());
        }));

    assertEquals("broken", await(outcome.future()));
  }
}
