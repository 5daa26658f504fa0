package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS origins are verified: a self-signed certificate is refused unless {@code router.trustStore}
 * names it, and a trusted certificate for another name is refused too.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OriginTlsTest {

  private static RouterHarness deploy(Vertx vertx, JsonObject options, int originPort, String url) {
    RouterHarness router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), options);
    router.putSite("secure.example", new JsonObject().put("origin", origin(url, originPort)));
    return router;
  }

  private static JsonObject trusting() {
    return new JsonObject().put("trustStore", Path.of(TestOrigin.CERT).toAbsolutePath().toString());
  }

  @Test
  void aSelfSignedOriginIsRefusedWithoutTheTrustStore(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    RouterHarness router = deploy(vertx, new JsonObject(), tls.port(), "https://static.example.me");

    RouterHarness.Answer answer = router.get("secure.example", "/");

    assertEquals(502, answer.status());
    assertEquals(0, tls.received.size());
  }

  @Test
  void aSelfSignedOriginIsServedWithItsCertificateInTheTrustStore(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    RouterHarness router = deploy(vertx, trusting(), tls.port(), "https://static.example.me");

    RouterHarness.Answer answer = router.get("secure.example", "/");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("tls GET /", answer.body());
  }

  @Test
  void aTrustedCertificateForAnotherNameIsRefused(Vertx vertx) {
    TestOrigin tls = await(TestOrigin.start(vertx, "tls", true, null));
    RouterHarness router = deploy(vertx, trusting(), tls.port(), "https://impostor.example.me");

    RouterHarness.Answer answer = router.get("secure.example", "/");

    assertEquals(502, answer.status());
    assertEquals(0, tls.received.size());
  }
}
