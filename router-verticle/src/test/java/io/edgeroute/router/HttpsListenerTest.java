package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.router.tls.NodeCertificates;
import io.edgeroute.router.tls.NodeTls;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.metrics.Metrics;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates.Issued;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TlsProbe;
import io.edgeroute.shared.tls.KeyCipher;
import io.edgeroute.shared.tls.StoredCertificate;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS listener (SPEC §9): the certificate is chosen by SNI from the KV, an unknown name fails
 * the handshake, a {@code cert} change is served by the next handshake, and HTTPS requests reach the
 * origin with {@code X-Forwarded-Proto: https}, over h2 when the client offers it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HttpsListenerTest {

  private final byte[] kek = new byte[32];
  private KvStore store;
  private KeyCipher cipher;
  private NodeTls certificates;
  private int httpsPort;
  private JsonObject config;

  @BeforeEach
  void deploy(Vertx vertx) {
    new SecureRandom().nextBytes(kek);
    cipher = new KeyCipher(kek);
    store = await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS));
    // Long TTLs: these tests see what change messages do; one test below shortens them.
    JsonObject config = RouterHarness.withLoopbackRouter(new JsonObject()
        .put("tls", new JsonObject().put("keyEncryptionKey", Base64.getEncoder().encodeToString(kek)))
        .put("kv", new JsonObject().put("cache", new JsonObject().put("ttl", "1h").put("negativeTtl", "1h"))));
    this.config = config;
    // 0 would turn HTTPS off (SPEC §9): a free port instead.
    config.getJsonObject("router").put("https", new JsonObject().put("port", FreePorts.freePort()));
    certificates = NodeCertificates.create(vertx, store, RouterHarness.KEYS, new EdgerouteOptions(config));
    await(vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, RouterHarness.KEYS), null, certificates),
        new DeploymentOptions().setConfig(config)));
    httpsPort = BoundPorts.get(vertx, BoundPorts.ROUTER_HTTPS);
  }

  private Issued upload(String host, String... names) {
    Issued issued = TestCertificates.selfSigned(names.length == 0 ? new String[] {host} : names);
    StoredCertificate stored = StoredCertificate.sealed(host, issued.chain(), issued.key(), StoredCertificate.UPLOADED,
        cipher);
    await(store.put(RouterHarness.KEYS.cert(host), stored.toJson().encode(), KvStore.ANY_VERSION));
    if (await(store.get(RouterHarness.KEYS.site(host))) == null) {
      await(store.put(RouterHarness.KEYS.site(host), new JsonObject()
          .put("origin", new JsonObject().put("url", "http://app.internal")).encode(), KvStore.ABSENT));
    }
    return issued;
  }

  @Test
  void twoHostsOnOnePortEachGetTheirOwnCertificate() throws Exception {
    Issued shop = upload("shop.example");
    Issued blog = upload("blog.example");

    assertEquals(shop.certificate(), TlsProbe.handshake(httpsPort, "shop.example"));
    assertEquals(blog.certificate(), TlsProbe.handshake(httpsPort, "blog.example"));
    assertEquals(shop.certificate(), TlsProbe.handshake(httpsPort, "SHOP.example"), "names are case-insensitive");
  }

  @Test
  void anUnknownNameAndAHandshakeWithoutSniAreRefused() {
    upload("shop.example");

    SSLException unknown = assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "nobody.example"));
    assertTrue(unknown.getMessage().contains("handshake_failure"), unknown.getMessage());
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, null));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "www.shop.example"),
        "a certificate of shop.example is not one of its subdomains'");
  }

  @Test
  void handshakesAreCountedByResultAndProtocolOnTheMetrics(Vertx vertx) throws Exception {
    upload("shop.example");
    double ok = handshakes("ok");
    double unknown = handshakes("unknown_name");

    TlsProbe.handshake(httpsPort, "shop.example");
    TlsProbe.handshake(httpsPort, "shop.example");
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "nobody.example"));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handshakes("ok") < ok + 2 && System.nanoTime() < deadline) {
      await(vertx.timer(20));
    }
    assertEquals(ok + 2, handshakes("ok"));
    assertEquals(unknown + 1, handshakes("unknown_name"));
    assertTrue(Metrics.registry().find("edgeroute.tls.handshakes").tag("result", "ok").counters().stream()
        .allMatch(c -> c.getId().getTag("protocol").matches("TLSv1\\.[23]")), "the protocol is a label");
    // One registry per JVM here, shared by every test's node: the gauge exists, its value is the first node's.
    assertNotNull(Metrics.registry().find("edgeroute.tls.certificates.cached").gauge());
  }

  private static double handshakes(String result) {
    return Metrics.registry().find("edgeroute.tls.handshakes").tag("result", result).counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  @Test
  void aWildcardCertificateServesTheNamesOneLevelBelowUnlessTheyHaveTheirOwn() throws Exception {
    Issued wildcard = upload("*.shops.example", "*.shops.example");
    Issued own = upload("special.shops.example");

    assertEquals(wildcard.certificate(), TlsProbe.handshake(httpsPort, "a.shops.example"));
    assertEquals(own.certificate(), TlsProbe.handshake(httpsPort, "special.shops.example"));
  }

  @Test
  void aReplacedCertificateIsServedByTheNextHandshakeAfterItsChangeMessage(Vertx vertx) throws Exception {
    Issued first = upload("shop.example");
    assertEquals(first.certificate(), TlsProbe.handshake(httpsPort, "shop.example"));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "x.shop.example"));

    Issued replacement = upload("shop.example");
    Issued wildcard = upload("*.shop.example", "*.shop.example");
    // Cached until the change message: the KV is not read per handshake.
    assertEquals(first.certificate(), TlsProbe.handshake(httpsPort, "shop.example"));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "x.shop.example"));

    certificates.changed(KvChange.cert("shop.example", 2));
    assertServes("shop.example", replacement.certificate());
    certificates.changed(KvChange.cert("*.shop.example", 1));
    assertServes("x.shop.example", wildcard.certificate());
  }

  @Test
  void aCertificateWrittenWithoutAChangeMessageIsServedOnceTheNegativeTtlHasPassed(Vertx vertx) throws Exception {
    JsonObject shortTtl = config.copy();
    shortTtl.getJsonObject("kv").getJsonObject("cache").put("negativeTtl", "100ms");
    int port = FreePorts.freePort();
    shortTtl.getJsonObject("router").put("https", new JsonObject().put("port", port));
    NodeTls node = NodeCertificates.create(vertx, store, RouterHarness.KEYS, new EdgerouteOptions(shortTtl));
    await(vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, RouterHarness.KEYS), null, node),
        new DeploymentOptions().setConfig(shortTtl)));
    int before = httpsPort;
    httpsPort = port;
    try {
      assertThrows(SSLException.class, () -> TlsProbe.handshake(port, "quiet.example"));
      Issued issued = upload("quiet.example");
      // No message: the cached absence must expire first (100 ms), so wait for a handshake to show it.
      Await.until("quiet.example served once the negative TTL passed",
          () -> issued.certificate().equals(served("quiet.example")));
    } finally {
      httpsPort = before;
    }
  }

  @Test
  void httpsRequestsReachTheOriginMarkedHttpsOverH2(Vertx vertx) throws Exception {
    TestOrigin origin = shopWithCertificate(vertx);

    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));
    Promise<String> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(httpsPort, "127.0.0.1")).setHost("shop.example")
            .setPort(443).setURI("/cart"))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.version() + " " + response.statusCode() + " " + body))
        .onComplete(answer));

    assertEquals("HTTP_2 200 app GET /cart", await(answer.future()));
    assertEquals("https", origin.last().headers().get("X-Forwarded-Proto"));
  }

  @Test
  void httpsRequestsOverHttp1ReachTheOriginMarkedHttpsAndPlainOnesHttp(Vertx vertx) throws Exception {
    TestOrigin origin = shopWithCertificate(vertx);

    HttpClientAgent tls = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true));
    HttpClientAgent plain = vertx.createHttpClient();
    for (int round = 0; round < 2; round++) {
      assertEquals("HTTP_1_1 200 app GET /cart", await(get(vertx, tls, httpsPort, "shop.example", "/cart")));
      assertEquals("https", origin.last().headers().get("X-Forwarded-Proto"), "over TLS, round " + round);
      int plainPort = BoundPorts.get(vertx, BoundPorts.ROUTER);
      assertEquals("HTTP_1_1 200 app GET /cart", await(get(vertx, plain, plainPort, "shop.example", "/cart")));
      assertEquals("http", origin.last().headers().get("X-Forwarded-Proto"), "plain, round " + round);
    }
  }

  /** @return the origin {@code shop.example} routes to, its certificate uploaded */
  private TestOrigin shopWithCertificate(Vertx vertx) throws Exception {
    TestOrigin origin = await(TestOrigin.start(vertx, "app"));
    await(store.put(RouterHarness.KEYS.site("shop.example"),
        new JsonObject().put("origin", origin("http://app.internal", origin.port())).encode(), KvStore.ANY_VERSION));
    upload("shop.example");
    return origin;
  }

  private static Future<String> get(Vertx vertx, HttpClientAgent client, int port, String host, String uri) {
    Promise<String> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")).setHost(host).setURI(uri))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.version() + " " + response.statusCode() + " " + body))
        .onComplete(answer));
    return answer.future();
  }

  @Test
  void overH2ATargetNotInNormalFormIsRefusedAndUnderscoredHeadersAreDropped(Vertx vertx) throws Exception {
    TestOrigin origin = shopWithCertificate(vertx);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2));

    for (String uri : List.of("/../b/secret", "/a/../../b", "/%2e%2e/b", "/.%2e/b", "/a/./b", "/a//b", "*", "/a\\b")) {
      assertEquals("HTTP_2 400", h2(vertx, client, uri, null), uri);
    }
    assertEquals(0, origin.received.size(), "nothing reached the origin");

    assertEquals("HTTP_2 200", h2(vertx, client, "/cart?x=1", "10.9.9.9"));
    assertEquals("/cart?x=1", origin.last().uri());
    assertNull(origin.last().headers().get("X_Forwarded_For"));
  }

  private String h2(Vertx vertx, HttpClientAgent client, String uri, String underscoredForwardedFor) throws Exception {
    Promise<String> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(httpsPort, "127.0.0.1")).setHost("shop.example")
            .setPort(443).setURI(uri))
        .compose(request -> {
          if (underscoredForwardedFor != null) {
            request.putHeader("X_Forwarded_For", underscoredForwardedFor);
          }
          return request.send();
        })
        .compose(response -> response.body().map(body -> response.version() + " " + response.statusCode()))
        .onComplete(answer));
    return await(answer.future());
  }

  @Test
  void redirectHttpSends308ToHttpsExceptAcmeChallengesAndHstsGoesOnHttpsOnly(Vertx vertx) throws Exception {
    TestOrigin origin = await(TestOrigin.start(vertx, "app"));
    await(store.put(RouterHarness.KEYS.site("shop.example"), new JsonObject()
        .put("origin", origin("http://app.internal", origin.port()))
        .put("tls", new JsonObject().put("redirectHttp", true).put("hsts", "max-age=31536000")).encode(),
        KvStore.ANY_VERSION));
    upload("shop.example");

    Answer plain = send(vertx, false, "shop.example", "/cart?x=1");
    assertEquals(308, plain.status());
    assertEquals("https://shop.example/cart?x=1", plain.headers().get("Location"));
    assertNull(plain.headers().get("Strict-Transport-Security"), "never over plain HTTP");

    // ACME HTTP-01 answers come from the KV, over plain HTTP, whatever redirectHttp says.
    await(store.put(RouterHarness.KEYS.acmeChallenge("abc"), new JsonObject().put("keyAuthorization", "abc.thumb")
        .put("expires", System.currentTimeMillis() + 60_000).encode(), KvStore.ANY_VERSION));
    Answer challenge = send(vertx, false, "shop.example", "/.well-known/acme-challenge/abc");
    assertEquals(200, challenge.status());
    assertEquals("abc.thumb", challenge.body());
    assertEquals(404, send(vertx, false, "shop.example", "/.well-known/acme-challenge/unknown").status());

    Answer secure = send(vertx, true, "shop.example", "/cart");
    assertEquals(200, secure.status());
    assertEquals("max-age=31536000", secure.headers().get("Strict-Transport-Security"));
  }

  @Test
  void aCertificateIsServedOnlyWhileItsSiteIsActiveAndNotTlsOff(Vertx vertx) throws Exception {
    Issued issued = upload("shop.example");
    upload("off.example");
    await(store.put(RouterHarness.KEYS.site("off.example"), new JsonObject()
        .put("origin", new JsonObject().put("url", "http://app.internal"))
        .put("tls", new JsonObject().put("mode", "off")).encode(), KvStore.ANY_VERSION));
    assertEquals(issued.certificate(), TlsProbe.handshake(httpsPort, "shop.example"));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "off.example"));

    await(store.put(RouterHarness.KEYS.site("shop.example"), new JsonObject()
        .put("origin", new JsonObject().put("url", "http://app.internal")).put("status", "pending").encode(),
        KvStore.ANY_VERSION));
    certificates.changed(KvChange.site("shop.example", 2));
    assertServes("shop.example", null);

    await(store.delete(RouterHarness.KEYS.site("shop.example"), KvStore.ANY_VERSION));
    await(store.put(RouterHarness.KEYS.site("shop.example"), new JsonObject()
        .put("origin", new JsonObject().put("url", "http://app.internal")).encode(), KvStore.ANY_VERSION));
    certificates.changed(KvChange.site("shop.example", 3));
    assertServes("shop.example", issued.certificate());
  }

  @Test
  void aPendingSiteIsNotRouted(Vertx vertx) throws Exception {
    TestOrigin origin = await(TestOrigin.start(vertx, "app"));
    await(store.put(RouterHarness.KEYS.site("new.example"), new JsonObject()
        .put("origin", origin("http://app.internal", origin.port())).put("status", "pending").encode(), KvStore.ANY_VERSION));

    assertEquals(404, send(vertx, false, "new.example", "/").status());
  }

  private record Answer(int status, io.vertx.core.MultiMap headers, String body) {
  }

  private Answer send(Vertx vertx, boolean https, String host, String uri) {
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(https).setTrustAll(true));
    int port = https ? httpsPort : BoundPorts.get(vertx, BoundPorts.ROUTER);
    Promise<Answer> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")).setHost(host).setPort(https ? 443 : 80)
            .setURI(uri))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), response.headers(),
            body.toString())))
        .onComplete(answer));
    return await(answer.future());
  }

  /** The change is applied when the call returns: the very next handshake shows it. */
  private void assertServes(String name, X509Certificate expected) {
    assertEquals(expected, served(name), name);
  }

  private X509Certificate served(String name) {
    try {
      return TlsProbe.handshake(httpsPort, name);
    } catch (Exception refused) {
      return null;
    }
  }
}
