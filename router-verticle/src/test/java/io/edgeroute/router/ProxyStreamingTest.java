package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static io.edgeroute.router.StreamedBody.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 100 MiB each way through the router while the whole test JVM has 256 MiB of heap (the module's
 * surefire argLine), with back-pressure shown directly: a paused reader stalls the writer on the
 * far side of the router, short of the whole body.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ProxyStreamingTest {

  private static final Logger LOG = Logger.getLogger(ProxyStreamingTest.class.getName());
  private static final long SIZE = 100 * MIB;

  private RouterHarness router;

  @BeforeEach
  void deploy(Vertx vertx) {
    // The point of the test: the body is 100 MiB, the heap of router, origin and client together is not much more.
    assertTrue(Runtime.getRuntime().maxMemory() <= 256 * MIB,
        "run with the module's surefire argLine (-Xmx256m), not " + Runtime.getRuntime().maxMemory() / MIB + " MiB");
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
  }

  @Test
  void aHundredMebibyteDownloadStreamsThroughWithBackPressure(Vertx vertx) {
    Promise<StreamedBody> sent = Promise.promise();
    TestOrigin origin = await(TestOrigin.start(vertx, "big", false, request -> {
      request.response().putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(SIZE));
      sent.complete(StreamedBody.write(request.response(), SIZE));
    }));
    router.putSite("download.example", new JsonObject().put("origin", origin("http://files.internal", origin.port())));

    HttpClientResponse response = await(router.onLoop(() -> open(HttpMethod.GET, "download.example", "/big.bin")
        .compose(HttpClientRequest::send)
        .onSuccess(HttpClientResponse::pause)));
    assertEquals(200, response.statusCode());
    assertEquals(Long.toString(SIZE), response.getHeader(HttpHeaders.CONTENT_LENGTH));
    StreamedBody body = await(sent.future());

    // The visitor reads nothing: the router must stop reading the origin, which stalls short of the end.
    long stalledAt = await(StreamedBody.stalled(vertx, body.written));
    LOG.info("download: origin stalled after " + stalledAt / MIB + " MiB while the visitor was paused");
    assertTrue(stalledAt < SIZE, "the router buffered the whole body instead of pushing back");

    StreamedBody.Tally tally = new StreamedBody.Tally();
    response.handler(tally);
    Future<Void> ended = response.end();
    response.resume();
    await(ended);
    await(body.done());
    assertEquals(SIZE, tally.count());
    assertEquals(body.checksum(), tally.checksum());
  }

  @Test
  void aHundredMebibyteUploadStreamsThroughWithBackPressure(Vertx vertx) {
    Promise<HttpServerRequest> arrived = Promise.promise();
    Promise<Context> originContext = Promise.promise();
    TestOrigin origin = await(TestOrigin.start(vertx, "sink", false, request -> {
      // Read nothing until the test says so, then count and checksum the body as it streams.
      request.pause();
      StreamedBody.Tally tally = new StreamedBody.Tally();
      request.handler(tally);
      request.endHandler(v -> request.response().end(tally.count() + " " + tally.checksum()));
      originContext.complete(Vertx.currentContext());
      arrived.complete(request);
    }));
    router.putSite("upload.example", new JsonObject().put("origin", origin("http://files.internal", origin.port())));

    Promise<StreamedBody> sending = Promise.promise();
    Future<RouterHarness.Answer> answer = router.onLoop(() -> open(HttpMethod.PUT, "upload.example", "/big.bin").compose(request -> {
      request.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(SIZE));
      sending.complete(StreamedBody.write(request, SIZE));
      return request.response();
    }).compose(r -> r.body().map(b -> new RouterHarness.Answer(r.statusCode(), r.headers(), b.toString()))));
    StreamedBody body = await(sending.future());
    HttpServerRequest atOrigin = await(arrived.future());

    long stalledAt = await(StreamedBody.stalled(vertx, body.written));
    LOG.info("upload: visitor stalled after " + stalledAt / MIB + " MiB while the origin was paused");
    assertTrue(stalledAt < SIZE, "the router buffered the whole upload instead of pushing back");

    await(originContext.future()).runOnContext(v -> atOrigin.resume());
    RouterHarness.Answer response = await(answer);
    assertEquals(200, response.status());
    assertEquals(SIZE + " " + body.checksum(), response.body());
    assertEquals(SIZE, body.written.get());
  }

  private Future<HttpClientRequest> open(HttpMethod method, String host, String uri) {
    return router.client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(router.port)
        .setURI(uri)).map(request -> request.authority(HostAndPort.create(host, router.port)));
  }
}
