package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP/1.1 framing through the router: chunked both ways, HEAD, and {@code Expect: 100-continue}. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ProxyProtocolTest {

  private RouterHarness router;
  private TestOrigin origin;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject());
    origin = await(TestOrigin.start(vertx, "proto", false, ProxyProtocolTest::answer));
    router.putSite("proto.example", new JsonObject().put("origin", origin("http://proto.internal", origin.port())));
  }

  /** The origin: echoes bodies in chunks, answers HEAD with a length, and handles Expect itself. */
  private static void answer(HttpServerRequest request) {
    if (request.method() == HttpMethod.HEAD) {
      request.response().putHeader(HttpHeaders.CONTENT_LENGTH, "1234").end();
      return;
    }
    if ("100-continue".equals(request.getHeader(HttpHeaders.EXPECT))) {
      if (request.path().equals("/refuse")) {
        request.response().setStatusCode(417).end("no body wanted");
        return;
      }
      request.response().writeContinue();
    }
    request.body().onSuccess(body -> {
      request.response().setChunked(true).putHeader("X-Request-Framing",
          request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true) ? "chunked" : "length");
      request.response().write("part one|");
      request.response().write("part two|");
      request.response().end(body);
    });
  }

  @Test
  void chunkedRequestAndResponseBodiesArriveWhole() {
    Future<RouterHarness.Answer> answer = router.onLoop(() -> open(HttpMethod.POST, "/upload").compose(request -> {
      request.setChunked(true);
      request.write("alpha,");
      request.write("beta,");
      request.end("gamma");
      return request.response();
    }).compose(r -> r.body().map(b -> new RouterHarness.Answer(r.statusCode(), r.headers(), b.toString()))));

    RouterHarness.Answer response = await(answer);
    assertEquals(200, response.status());
    assertEquals("part one|part two|alpha,beta,gamma", response.body());
    assertEquals("chunked", response.headers().get("X-Request-Framing"));
    assertEquals("chunked", response.headers().get(HttpHeaders.TRANSFER_ENCODING));
  }

  @Test
  void headIsAnsweredWithTheOriginsHeadersAndNoBody() {
    RouterHarness.Answer head = await(router.send(HttpMethod.HEAD, "proto.example", "/file", java.util.Map.of(), null));
    assertEquals(200, head.status());
    assertEquals("1234", head.headers().get(HttpHeaders.CONTENT_LENGTH));
    assertEquals("", head.body());
    assertEquals(HttpMethod.HEAD, origin.last().method());
    // The connection is still in step: the next request on it is answered normally.
    assertEquals("part one|part two|", router.get("proto.example", "/after").body());
  }

  @Test
  void expectContinueRelaysTheOriginsHundredBeforeTheBodyIsSent() {
    AtomicBoolean continued = new AtomicBoolean();
    Promise<RouterHarness.Answer> answer = Promise.promise();
    router.onLoop(() -> open(HttpMethod.PUT, "/upload").onSuccess(request -> {
      request.putHeader(HttpHeaders.EXPECT, "100-continue").putHeader(HttpHeaders.CONTENT_LENGTH, "6");
      request.continueHandler(v -> {
        continued.set(true);
        request.end("parcel");
      });
      request.response().compose(r -> r.body().map(b -> new RouterHarness.Answer(r.statusCode(), r.headers(), b.toString())))
          .onComplete(answer);
      request.sendHead();
    }));

    RouterHarness.Answer response = await(answer.future());
    assertTrue(continued.get(), "the visitor never got 100 Continue");
    assertEquals(200, response.status());
    assertEquals("part one|part two|parcel", response.body());
    assertEquals("100-continue", origin.last().headers().get(HttpHeaders.EXPECT));
  }

  @Test
  void expectContinueRefusedByTheOriginNeverSendsTheBody() {
    AtomicBoolean continued = new AtomicBoolean();
    Promise<RouterHarness.Answer> answer = Promise.promise();
    router.onLoop(() -> open(HttpMethod.PUT, "/refuse").onSuccess(request -> {
      request.putHeader(HttpHeaders.EXPECT, "100-continue").putHeader(HttpHeaders.CONTENT_LENGTH, "6");
      request.continueHandler(v -> continued.set(true));
      request.response().compose(r -> r.body().map(b -> new RouterHarness.Answer(r.statusCode(), r.headers(), b.toString())))
          .onComplete(answer);
      request.sendHead();
    }));

    RouterHarness.Answer response = await(answer.future());
    assertEquals(417, response.status());
    assertEquals("no body wanted", response.body());
    assertFalse(continued.get(), "a 100 was relayed although the origin refused");
  }

  private Future<HttpClientRequest> open(HttpMethod method, String uri) {
    return router.client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(router.port)
        .setURI(uri)).map(request -> request.authority(HostAndPort.create("proto.example", router.port)));
  }
}
