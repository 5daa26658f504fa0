package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.router.tls.NodeCertificates;
import io.edgeroute.router.tls.NodeTls;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.http.LentBuffer;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TestCertificates.Issued;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lent origin chunks written to visitors over TLS, where the transport encrypts them (HTTP/1.1) or
 * frames and flow-controls them per stream (h2): every answer arrives byte for byte while many
 * share one connection, and every chunk goes back to its pool.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LentChunksOverTlsTest {

  private static final String HOST = "files.example";
  private static final int ANSWERS = 12;

  private int httpsPort;
  private long lentBefore;

  @BeforeEach
  void deploy(Vertx vertx) {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    KvStore store = await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS));
    JsonObject config = RouterHarness.withLoopbackRouter(new JsonObject()
        .put("tls", new JsonObject().put("keyEncryptionKey", Base64.getEncoder().encodeToString(kek))));
    config.getJsonObject("router").put("https", new JsonObject().put("port", FreePorts.freePort()));
    NodeTls certificates = NodeCertificates.create(vertx, store, RouterHarness.KEYS, new EdgerouteOptions(config));
    TestOrigin origin = await(TestOrigin.start(vertx, "bodies", false, request -> {
      int n = Integer.parseInt(request.path().substring(request.path().lastIndexOf('/') + 1));
      byte[] body = body(n);
      if (n % 2 == 0) {
        request.response().setChunked(true);
      } else {
        request.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
      }
      Buffer all = Buffer.buffer(body);
      for (int at = 0; at < body.length; at += 50_000) {
        request.response().write(all.slice(at, Math.min(body.length, at + 50_000)));
      }
      request.response().end();
    }));
    await(store.put(RouterHarness.KEYS.site(HOST),
        new JsonObject().put("origin", origin("http://files.internal", origin.port())).encode(), KvStore.ANY_VERSION));
    Issued issued = TestCertificates.selfSigned(HOST);
    StoredCertificate stored = StoredCertificate.sealed(HOST, issued.chain(), issued.key(), StoredCertificate.UPLOADED,
        new KeyCipher(kek));
    await(store.put(RouterHarness.KEYS.cert(HOST), stored.toJson().encode(), KvStore.ANY_VERSION));
    await(vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, RouterHarness.KEYS), null, certificates),
        new DeploymentOptions().setConfig(config)));
    httpsPort = BoundPorts.get(vertx, BoundPorts.ROUTER_HTTPS);
    // Chunks earlier tests' routers left for the collector must not come back in the middle of this one.
    Await.until("no chunk of an earlier test still lent", () -> {
      System.gc();
      return LentBuffer.outstanding() == 0;
    });
    lentBefore = LentBuffer.outstanding();
  }

  @Test
  void manyLargeAnswersOnOneH2ConnectionArriveIntact(Vertx vertx) {
    HttpClientAgent h2 = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2), new PoolOptions().setHttp2MaxSize(1));
    assertAnswers(vertx, h2, HttpVersion.HTTP_2);
  }

  @Test
  void manyLargeAnswersOverHttp11WithTlsArriveIntact(Vertx vertx) {
    HttpClientAgent http11 = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true),
        new PoolOptions().setHttp1MaxSize(ANSWERS));
    assertAnswers(vertx, http11, HttpVersion.HTTP_1_1);
  }

  private void assertAnswers(Vertx vertx, HttpClientAgent client, HttpVersion version) {
    Promise<List<Buffer>> answers = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      List<Future<Buffer>> bodies = new ArrayList<>();
      for (int n = 0; n < ANSWERS; n++) {
        bodies.add(client.request(new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(httpsPort, "127.0.0.1")).setHost(HOST).setPort(443)
                .setURI("/body/" + n))
            .compose(HttpClientRequest::send)
            .compose(response -> {
              assertEquals(version, response.version());
              assertEquals(200, response.statusCode());
              return response.body();
            }));
      }
      Future.all(bodies).map(all -> all.<Buffer>list()).onComplete(answers);
    });
    List<Buffer> bodies = await(answers.future());
    for (int n = 0; n < ANSWERS; n++) {
      assertArrayEquals(body(n), bodies.get(n).getBytes(), "answer " + n);
    }
    Await.until("every lent chunk back in its pool", () -> LentBuffer.outstanding() == lentBefore);
  }

  /** A body of its own for each n, from 200 KiB to about 1.3 MiB of random bytes. */
  private static byte[] body(int n) {
    byte[] bytes = new byte[200 * 1024 + n * 99_991];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}
