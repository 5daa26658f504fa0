package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.ChallTestServer;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TlsProbe;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application with ownership verification on (SPEC §7, §9): a tenant's site is pending,
 * so visitors get 404 and its uploaded certificate is not served, until its TXT record appears in
 * the DNS server; then, with no call, it routes over HTTP and HTTPS.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class PendingSiteHttpsTest {

  private static final String OPERATOR = "operator-secret";

  @TempDir
  Path dir;

  @Test
  void aPendingSiteNeitherRoutesNorServesItsCertificateUntilItsTxtRecordAppears(Vertx vertx) throws Exception {
    try (ChallTestServer dns = ChallTestServer.start(dir.resolve("challtestsrv.log"))) {
      int origin = await(vertx.createHttpServer().requestHandler(r -> r.response().end("origin " + r.path()))
          .listen(0, "127.0.0.1")).actualPort();
      byte[] kek = new byte[32];
      new SecureRandom().nextBytes(kek);
      int httpsPort = FreePorts.freePort();
      JsonObject config = new JsonObject()
          .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1)
              .put("https", new JsonObject().put("port", httpsPort)))
          .put("admin", new JsonObject().put("port", 0).put("operatorTokens", new JsonArray().add(OPERATOR))
              .put("allowPrivateOrigins", true).put("hostVerification", "dns")
              .put("dnsServers", new JsonArray().add(dns.dnsServer())).put("verificationFirstCheck", "200ms"))
          .put("tls", new JsonObject().put("keyEncryptionKey", Base64.getEncoder().encodeToString(kek)))
          .put("kv", new JsonObject().put("file", dir.resolve("kv.json").toString())
              .put("cache", new JsonObject().put("snapshotFile", dir.resolve("kv-snapshot.json").toString())));
      Path file = Files.writeString(dir.resolve("edgeroute.json"), config.encodePrettily());
      await(vertx.deployVerticle(new MainVerticle(),
          new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString()))));
      WebClient client = WebClient.create(vertx);
      int admin = BoundPorts.get(vertx, BoundPorts.ADMIN);
      int router = BoundPorts.get(vertx, BoundPorts.ROUTER);

      await(client.put(admin, "127.0.0.1", "/v1/tenants/blog").bearerTokenAuthentication(OPERATOR).send());
      String token = await(client.post(admin, "127.0.0.1", "/v1/tenants/blog/tokens").bearerTokenAuthentication(OPERATOR)
          .send()).bodyAsJsonObject().getString("token");
      JsonObject site = expect(201, await(client.put(admin, "127.0.0.1", "/v1/sites/myblog.example")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("origin",
              new JsonObject().put("url", "http://app.internal").put("connectTo", "127.0.0.1:" + origin)))))
          .bodyAsJsonObject();
      TestCertificates.Issued issued = TestCertificates.selfSigned("myblog.example");
      expect(200, await(client.put(admin, "127.0.0.1", "/v1/sites/myblog.example/certificate")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject()
              .put("certificate", issued.chainPem()).put("privateKey", issued.keyPem()))));

      assertEquals(404, visit(vertx, client, router).statusCode());
      assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort, "myblog.example"));

      dns.setTxt("_edgeroute-challenge.myblog.example",
          site.getJsonObject("verification").getJsonObject("txt").getString("value"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      HttpResponse<Buffer> answer = visit(vertx, client, router);
      while (answer.statusCode() != 200 && System.nanoTime() < deadline) {
        answer = visit(vertx, client, router);
      }
      assertEquals("origin /post/1", answer.bodyAsString());
      X509Certificate served = TlsProbe.handshake(httpsPort, "myblog.example");
      assertEquals(issued.certificate(), served);
    }
  }

  private static HttpResponse<Buffer> visit(Vertx vertx, WebClient client, int router) {
    Promise<HttpResponse<Buffer>> answer = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(HttpMethod.GET, router, "127.0.0.1",
        "/post/1").putHeader("Host", "myblog.example").send().onComplete(answer));
    return await(answer.future());
  }

  private static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
