package io.edgeroute.router.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.router.ReadThroughResolver;
import io.edgeroute.router.RouterVerticle;
import io.edgeroute.router.tls.NodeCertificates;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.router.tls.NodeTls;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TlsProbe;
import io.edgeroute.shared.tls.HostCoverage;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.StoredCertificate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-demand certificates against Pebble (SPEC §9): HTTP-01 answered by the router's plain listener
 * from the KV, the KV as the permission check, one order per name across nodes, and a refused
 * challenge left visible with its error and a later next try.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class AcmeIssuanceTest {

  private static final KvKeys KEYS = KvKeys.defaults();

  @TempDir
  static Path dir;
  private static PebbleServer pebble;
  /** The router's plain port, fixed for the class: Pebble validates HTTP-01 there. */
  private static int httpPort;

  private KvStore store;
  private NodeTls tls;
  private JsonObject config;
  private int httpsPort;

  @BeforeAll
  static void startPebble() throws Exception {
    httpPort = FreePorts.freePort();
    pebble = PebbleServer.start(dir, httpPort);
  }

  @AfterAll
  static void stopPebble() {
    if (pebble != null) {
      pebble.close();
    }
  }

  @BeforeEach
  void deploy(Vertx vertx) {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    httpsPort = FreePorts.freePort();
    config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", httpPort).put("instances", 1)
            .put("https", new JsonObject().put("port", httpsPort)))
        .put("tls", new JsonObject().put("keyEncryptionKey", Base64.getEncoder().encodeToString(kek)))
        .put("acme", new JsonObject().put("directoryUrl", pebble.directoryUrl())
            .put("trustStore", pebble.caPem().toString()).put("email", "ops@example.com")
            .put("accountKeyFile", dir.resolve("account-key.pem").toString()));
    store = await(MemoryKvStore.open(vertx, null, KEYS));
    tls = NodeCertificates.create(vertx, store, KEYS, new EdgerouteOptions(config));
    await(vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, KEYS), null, tls),
        new DeploymentOptions().setConfig(config)));
    assertEquals(httpsPort, BoundPorts.get(vertx, BoundPorts.ROUTER_HTTPS));
  }

  private void site(String host, String mode) {
    await(store.put(KEYS.site(host), new JsonObject().put("origin", new JsonObject().put("url", "http://app.internal"))
        .put("tls", new JsonObject().put("mode", mode)).encode(), KvStore.ANY_VERSION));
  }

  private StoredCertificate stored(String host) {
    var entry = await(store.get(KEYS.cert(host)));
    return entry == null ? null : StoredCertificate.fromJson(new JsonObject(entry.value()));
  }

  @Test
  void anAutoSiteGetsAPebbleCertificateByHttp01AnsweredByTheRouter() throws Exception {
    site("auto.example", "auto");

    await(tls.issuer().ensure("auto.example"));

    StoredCertificate stored = stored("auto.example");
    assertEquals(StoredCertificate.ACME, stored.source());
    assertEquals(StoredCertificate.ACTIVE, stored.status());
    assertTrue(stored.servable());
    X509Certificate served = TlsProbe.handshake(httpsPort, "auto.example");
    assertTrue(served.getIssuerX500Principal().getName().contains("Pebble"), served.getIssuerX500Principal().getName());
    assertEquals(List.of("auto.example"), HostCoverage.dnsNames(served));
    assertTrue(await(store.scan(KEYS.prefix() + "acme-challenge:", null, 10)).keys().isEmpty(),
        "the challenge answer is withdrawn");
  }

  @Test
  void aHandshakeForANewAutoSiteWaitsForAndReceivesItsCertificate() throws Exception {
    site("first-visit.example", "auto");
    assertNull(stored("first-visit.example"));

    X509Certificate served = TlsProbe.handshake(httpsPort, "first-visit.example");

    assertTrue(served.getIssuerX500Principal().getName().contains("Pebble"), served.getIssuerX500Principal().getName());
    assertEquals(StoredCertificate.ACTIVE, stored("first-visit.example").status());
  }

  @Test
  void aNameThatIsNoSiteOrNotAutoGetsNoOrder() {
    site("custom.example", "custom");

    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "nosite.example"));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "custom.example"));
    assertInstanceOf(AcmeIssuer.NotIssued.class, failure(tls.issuer().ensure("nosite.example")));

    assertNull(stored("nosite.example"));
    assertNull(stored("custom.example"));
    assertNull(await(store.get(KEYS.acmeLock("nosite.example"))), "no lock was even taken");
  }

  @Test
  void twoNodesRacingForOneNamePlaceOneOrder(Vertx vertx) {
    site("race.example", "auto");
    NodeTls other = NodeCertificates.create(vertx, store, KEYS, new EdgerouteOptions(config));
    List<KvChange> changes = new CopyOnWriteArrayList<>();
    await(store.subscribe(changes::add));

    Future<Void> one = tls.issuer().ensure("race.example");
    Future<Void> two = other.issuer().ensure("race.example");
    await(Future.all(one, two));

    StoredCertificate stored = stored("race.example");
    assertEquals(StoredCertificate.ACTIVE, stored.status());
    // One order writes the document twice (pending, then issued); a second order would write twice more.
    assertEquals(2, stored.version());
    Await.until("both changes announced", () -> changes.size() >= 2);
    assertEquals(2, changes.stream().filter(c -> c.key().equals("race.example")).count());
  }

  @Test
  void aRefusedChallengeLeavesTheCertificateFailedWithItsErrorAndTheNextTryLater() throws Exception {
    site("refused.example", "auto");
    // Pebble's validation then dials 127.0.0.2, where nothing listens.
    pebble.setA("refused.example", "127.0.0.2");

    Throwable failure = failure(tls.issuer().ensure("refused.example"));

    assertInstanceOf(AcmeIssuer.NotIssued.class, failure);
    StoredCertificate stored = stored("refused.example");
    assertEquals(StoredCertificate.FAILED, stored.status());
    assertNotNull(stored.error());
    assertTrue(stored.error().contains("challenge invalid"), stored.error());
    assertEquals(1, stored.failures());
    Instant next = stored.nextAttempt();
    assertTrue(next.isAfter(Instant.now().plus(Duration.ofSeconds(50))), "next try about a minute later: " + next);
    assertFalse(stored.servable());

    Throwable again = failure(tls.issuer().ensure("refused.example"));
    assertTrue(again.getMessage().startsWith("backing off until " + next), again.getMessage());
    assertEquals(stored.version(), stored("refused.example").version(), "no second order");
  }

  @Test
  void aCertificatePastTwoThirdsOfItsLifetimeIsRenewedAndAnUploadedOneIsKeptUntilItExpires() throws Exception {
    site("renew.example", "auto");
    site("uploaded.example", "auto");
    Instant now = Instant.now();
    // Three days of validity, two of them gone: due now.
    var old = TestCertificates.selfSigned(now.minus(Duration.ofDays(2)).minusSeconds(60),
        now.plus(Duration.ofDays(1)), "renew.example");
    var uploaded = TestCertificates.selfSigned(now.minus(Duration.ofDays(2)).minusSeconds(60),
        now.plus(Duration.ofDays(1)), "uploaded.example");
    KeyCipher cipher = new KeyCipher(
        Base64.getDecoder().decode(config.getJsonObject("tls").getString("keyEncryptionKey")));
    await(store.put(KEYS.cert("renew.example"), StoredCertificate.sealed("renew.example", old.chain(), old.key(),
        StoredCertificate.ACME, cipher).withVersion(1).toJson().encode(), KvStore.ANY_VERSION));
    await(store.put(KEYS.cert("uploaded.example"), StoredCertificate.sealed("uploaded.example", uploaded.chain(),
        uploaded.key(), StoredCertificate.UPLOADED, cipher).withVersion(1).toJson().encode(), KvStore.ANY_VERSION));

    await(tls.issuer().ensure("renew.example"));
    await(tls.issuer().ensure("uploaded.example"));

    X509Certificate renewed = TlsProbe.handshake(httpsPort, "renew.example");
    assertTrue(renewed.getIssuerX500Principal().getName().contains("Pebble"), renewed.getIssuerX500Principal().getName());
    assertEquals(uploaded.certificate(), TlsProbe.handshake(httpsPort, "uploaded.example"));
    assertEquals(1, stored("uploaded.example").version(), "no order for a valid uploaded certificate");
  }

  @Test
  void noMoreOrdersThanMaxOrdersPerHour(Vertx vertx) {
    site("capped.example", "auto");
    JsonObject capped = config.copy();
    capped.getJsonObject("acme").put("maxOrdersPerHour", 0);
    NodeTls node = NodeCertificates.create(vertx, store, KEYS, new EdgerouteOptions(capped));

    Throwable refused = failure(node.issuer().ensure("capped.example"));

    assertTrue(refused.getMessage().contains("acme.maxOrdersPerHour"), refused.getMessage());
    assertNull(stored("capped.example"));
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
