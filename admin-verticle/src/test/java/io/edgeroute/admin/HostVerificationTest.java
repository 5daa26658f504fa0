package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.shared.testing.ChallTestServer;
import io.edgeroute.shared.testing.FreePorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ownership verification (SPEC §7) against pebble-challtestsrv as the DNS server: a tenant's new
 * site is pending with TXT and HTTP instructions until the proof appears, then turns active in the
 * background, without any call; {@code POST /verify} checks at once; operators' sites need no proof.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HostVerificationTest {

  private static final String OPERATOR = "operator-secret";

  @TempDir
  static Path dir;
  private static ChallTestServer dns;

  private WebClient client;
  private int port;

  @BeforeAll
  static void startDns() throws Exception {
    dns = ChallTestServer.start(dir.resolve("challtestsrv.log"));
  }

  @AfterAll
  static void stopDns() {
    if (dns != null) {
      dns.close();
    }
  }

  private void deploy(Vertx vertx, String mode, int httpPort) {
    JsonObject admin = new JsonObject().put("port", 0).put("operatorTokens", new JsonArray().add(OPERATOR))
        .put("hostVerification", mode).put("dnsServers", new JsonArray().add(dns.dnsServer()))
        .put("verificationFirstCheck", "200ms").put("verificationHttpPort", httpPort);
    await(vertx.deployVerticle(new AdminVerticle(await(MemoryKvStore.open(vertx, null, KvKeys.defaults()))),
        new DeploymentOptions().setConfig(new JsonObject().put("admin", admin))));
    port = BoundPorts.get(vertx, BoundPorts.ADMIN);
    client = WebClient.create(vertx);
  }

  @Test
  void aSiteStaysPendingUntilItsTxtRecordAppearsThenTurnsActiveWithoutACall(Vertx vertx) throws Exception {
    deploy(vertx, "dns", 80);
    String tenant = tenantToken("blogs");

    JsonObject created = expect(201, putSite(tenant, "txt.example")).bodyAsJsonObject();
    assertEquals("pending", created.getString("status"));
    JsonObject txt = created.getJsonObject("verification").getJsonObject("txt");
    assertEquals("_edgeroute-challenge.txt.example", txt.getString("name"));
    String token = txt.getString("value");
    assertEquals("http://txt.example/.well-known/edgeroute-challenge/" + token,
        created.getJsonObject("verification").getJsonObject("http").getString("url"));
    // Checked several times in the background meanwhile, and still unproven.
    awaitChecks("_edgeroute-challenge.txt.example");
    assertEquals("pending", site(tenant, "txt.example").getString("status"));

    dns.setTxt("_edgeroute-challenge.txt.example", token);

    JsonObject active = awaitStatus(tenant, "txt.example", "active");
    assertNull(active.getValue("verification"), "no instructions once proven");
    assertEquals(created.getLong("version") + 1, active.getLong("version"));
  }

  @Test
  void theHttpMethodFetchesTheTokenFromTheHostItself(Vertx vertx) throws Exception {
    int originPort = FreePorts.freePort();
    deploy(vertx, "http", originPort);
    String tenant = tenantToken("shops");
    JsonObject created = expect(201, putSite(tenant, "web.example")).bodyAsJsonObject();
    String token = created.getJsonObject("verification").getJsonObject("http").getString("body");
    dns.setA("web.example", "127.0.0.1");
    awaitChecks("web.example");
    assertEquals("pending", site(tenant, "web.example").getString("status"));

    // The tenant's origin starts serving the token at the URL given, on the host's address.
    await(vertx.createHttpServer().requestHandler(request -> {
      boolean right = request.path().equals("/.well-known/edgeroute-challenge/" + token)
          && "web.example".equals(request.authority().host());
      request.response().setStatusCode(right ? 200 : 404).end(right ? token : "");
    }).listen(originPort, "127.0.0.1"));

    awaitStatus(tenant, "web.example", "active");
  }

  @Test
  void verifyChecksAtOnceAndOperatorsSitesNeedNoProof(Vertx vertx) throws Exception {
    deploy(vertx, "any", 80);
    String tenant = tenantToken("now");
    JsonObject created = expect(201, putSite(tenant, "now.example")).bodyAsJsonObject();
    String token = created.getJsonObject("verification").getJsonObject("txt").getString("value");

    JsonObject still = expect(200, call(HttpMethod.POST, "/v1/sites/now.example/verify", tenant, null)).bodyAsJsonObject();
    assertEquals("pending", still.getString("status"));
    assertEquals(token, still.getJsonObject("verification").getJsonObject("txt").getString("value"));
    dns.setTxt("_edgeroute-challenge.now.example", token);
    JsonObject proven = expect(200, call(HttpMethod.POST, "/v1/sites/now.example/verify", tenant, null)).bodyAsJsonObject();
    assertEquals("active", proven.getString("status"));

    expect(404, call(HttpMethod.POST, "/v1/sites/now.example/verify", tenantToken("other"), null));
    call(HttpMethod.PUT, "/v1/tenants/ops", OPERATOR, null);
    JsonObject operators = expect(201, call(HttpMethod.PUT, "/v1/sites/ops.example", OPERATOR,
        new JsonObject().put("tenant", "ops").put("origin", new JsonObject().put("url", "https://o.example.com"))))
        .bodyAsJsonObject();
    assertNull(operators.getValue("status"), "active (absent means active)");
    assertNull(operators.getValue("verification"));
    // A client cannot declare its own site proven.
    JsonObject forged = expect(200, putSite(tenant, "now.example")).bodyAsJsonObject();
    assertEquals(null, forged.getValue("status"));
    JsonObject other = expect(201, call(HttpMethod.PUT, "/v1/sites/forged.example", tenant,
        new JsonObject().put("origin", new JsonObject().put("url", "https://o.example.com")).put("status", "active")))
        .bodyAsJsonObject();
    assertEquals("pending", other.getString("status"));
  }

  /** Waits until the background checks have looked {@code name} up twice (they run every 200 ms here). */
  private void awaitChecks(String name) {
    Await.until("two background checks of " + name, () -> {
      try {
        return dns.dnsQueries(name) >= 2;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private JsonObject awaitStatus(String token, String host, String status) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonObject site = site(token, host);
    while (!status.equals(site.getString("status", "active")) && System.nanoTime() < deadline) {
      site = site(token, host);
    }
    assertEquals(status, site.getString("status", "active"), site.encode());
    return site;
  }

  private JsonObject site(String token, String host) {
    return expect(200, call(HttpMethod.GET, "/v1/sites/" + host, token, null)).bodyAsJsonObject();
  }

  private HttpResponse<Buffer> putSite(String token, String host) {
    return call(HttpMethod.PUT, "/v1/sites/" + host, token,
        new JsonObject().put("origin", new JsonObject().put("url", "https://origin.example.com")));
  }

  private String tenantToken(String tenant) {
    call(HttpMethod.PUT, "/v1/tenants/" + tenant, OPERATOR, null);
    return expect(201, call(HttpMethod.POST, "/v1/tenants/" + tenant + "/tokens", OPERATOR, null))
        .bodyAsJsonObject().getString("token");
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    var request = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
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
