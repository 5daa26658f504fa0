package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.bus.EventBusAddresses;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvPage;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.Await;
import io.edgeroute.shared.testing.KvBackends;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TestCertificates.Issued;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT}/{@code GET}/{@code DELETE /v1/sites/{host}/certificate} (SPEC §7, §9): checked uploads,
 * metadata without the key, the key sealed in the KV and on disk, another tenant's site a 404, and no
 * uploads at all without a key-encryption key.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class CertificateApiTest {

  /** A prefix of its own: the embedded Redis is shared with the module's other test classes. */
  private static final KvKeys KEYS = new KvKeys("certtest-" + Long.toHexString(new SecureRandom().nextLong()) + ":");
  private static final String OPERATOR = "operator-secret";

  private KvStore store;
  private WebClient client;
  private int port;

  private void deploy(Vertx vertx, KvStore kv, boolean withKey) {
    store = kv;
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    JsonObject config = new JsonObject()
        .put("kv", new JsonObject().put("redis", new JsonObject().put("prefix", KEYS.prefix())))
        .put("admin", new JsonObject().put("port", 0).put("operatorTokens", new JsonArray().add(OPERATOR)))
        .put("tls", new JsonObject().put("keyEncryptionKey", withKey ? Base64.getEncoder().encodeToString(kek) : null));
    await(vertx.deployVerticle(new AdminVerticle(store), new DeploymentOptions().setConfig(config)));
    port = BoundPorts.get(vertx, BoundPorts.ADMIN);
    client = WebClient.create(vertx);
  }

  private void deployMemory(Vertx vertx, Path file) {
    deploy(vertx, await(MemoryKvStore.open(vertx, file, KEYS)), true);
  }

  @Test
  void anUploadIsDescribedButItsKeyIsNeverShownNorStoredInClear(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("kv.json");
    deployMemory(vertx, file);
    String tenant = tenantToken("shops");
    expect(201, call(HttpMethod.PUT, "/v1/sites/shop.example", tenant, site()));
    Issued issued = TestCertificates.selfSigned("shop.example", "www.shop.example");

    JsonObject put = expect(200, upload(tenant, "shop.example", issued.chainPem(), issued.keyPem())).bodyAsJsonObject();
    JsonObject got = expect(200, call(HttpMethod.GET, "/v1/sites/shop.example/certificate", tenant, null))
        .bodyAsJsonObject();

    assertEquals(put, got);
    assertEquals("uploaded", got.getString("source"));
    assertEquals("active", got.getString("status"));
    assertEquals(List.of("shop.example", "www.shop.example"), got.getJsonArray("sans").getList());
    assertEquals(issued.certificate().getNotAfter().toInstant().toString(), got.getString("notAfter"));
    assertEquals(64, got.getString("sha256").length());
    assertNull(got.getValue("privateKey"));
    assertNull(got.getValue("key"));
    assertNoKeyInClear(issued, List.of(got.encode()));
    assertNoKeyInClear(issued, everyValue());
    await(store.close());
    assertNoKeyInClear(issued, List.of(Files.readString(file, StandardCharsets.UTF_8)));
  }

  @Test
  void nothingInRedisHoldsTheKeyInClear(Vertx vertx) {
    deploy(vertx, await(KvBackends.REDIS_STANDALONE.open(vertx, KEYS)), true);
    operatorSite("redis.example");
    Issued issued = TestCertificates.selfSigned("redis.example");
    expect(200, upload(OPERATOR, "redis.example", issued.chainPem(), issued.keyPem()));

    List<String> values = everyValue();
    assertTrue(values.stream().anyMatch(v -> v.contains("\"chain\"")), "the certificate is stored");
    assertNoKeyInClear(issued, values);
  }

  @Test
  void foreignKeysOtherNamesExpiredCertificatesAndGarbageAre422WithTheReason(Vertx vertx) {
    deployMemory(vertx, null);
    operatorSite("shop.example");
    Issued own = TestCertificates.selfSigned("shop.example");
    Issued foreign = TestCertificates.selfSigned("shop.example");
    Issued other = TestCertificates.selfSigned("other.example");
    Instant now = Instant.now();
    Issued expired = TestCertificates.selfSigned(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
        "shop.example");

    refused(upload(OPERATOR, "shop.example", own.chainPem(), foreign.keyPem()), "/privateKey", "does not match");
    refused(upload(OPERATOR, "shop.example", other.chainPem(), other.keyPem()), "/certificate", "does not cover shop.example");
    refused(upload(OPERATOR, "shop.example", expired.chainPem(), expired.keyPem()), "/certificate", "expired");
    refused(upload(OPERATOR, "shop.example", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----",
        own.keyPem()), "/certificate", "no PEM certificate");
    refused(upload(OPERATOR, "shop.example", own.chainPem(), "garbage"), "/privateKey", "no PEM private key");
    expect(404, call(HttpMethod.GET, "/v1/sites/shop.example/certificate", OPERATOR, null));
  }

  @Test
  void anotherTenantsSiteIs404ForEveryMethod(Vertx vertx) {
    deployMemory(vertx, null);
    String owner = tenantToken("owner");
    String intruder = tenantToken("intruder");
    expect(201, call(HttpMethod.PUT, "/v1/sites/shop.example", owner, site()));
    Issued issued = TestCertificates.selfSigned("shop.example");
    expect(200, upload(owner, "shop.example", issued.chainPem(), issued.keyPem()));

    expect(404, upload(intruder, "shop.example", issued.chainPem(), issued.keyPem()));
    expect(404, call(HttpMethod.GET, "/v1/sites/shop.example/certificate", intruder, null));
    expect(404, call(HttpMethod.DELETE, "/v1/sites/shop.example/certificate", intruder, null));
    expect(404, upload(owner, "nosite.example", issued.chainPem(), issued.keyPem()));
    expect(200, call(HttpMethod.GET, "/v1/sites/shop.example/certificate", owner, null));
  }

  @Test
  void everyUploadAndDeleteIsAnnouncedAsACertChange(Vertx vertx) {
    deployMemory(vertx, null);
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(EventBusAddresses.CLUSTER_CHANGED, m -> {
      if ("cert".equals(m.body().getString("kind"))) {
        heard.add(m.body());
      }
    });
    operatorSite("shop.example");
    Issued first = TestCertificates.selfSigned("shop.example");
    Issued second = TestCertificates.selfSigned("shop.example");

    assertEquals(1, expect(200, upload(OPERATOR, "shop.example", first.chainPem(), first.keyPem()))
        .bodyAsJsonObject().getLong("version"));
    assertEquals(2, expect(200, upload(OPERATOR, "shop.example", second.chainPem(), second.keyPem()))
        .bodyAsJsonObject().getLong("version"));
    expect(204, call(HttpMethod.DELETE, "/v1/sites/shop.example/certificate", OPERATOR, null));
    expect(404, call(HttpMethod.GET, "/v1/sites/shop.example/certificate", OPERATOR, null));

    Await.until("three certificate changes announced", () -> heard.size() >= 3);
    assertEquals(List.of(1L, 2L, 0L), heard.stream().map(m -> m.getLong("version")).toList());
    assertTrue(heard.stream().allMatch(m -> m.getString("key").equals("shop.example")));
  }

  @Test
  void deletingTheSiteDeletesItsCertificate(Vertx vertx) {
    deployMemory(vertx, null);
    operatorSite("gone.example");
    Issued issued = TestCertificates.selfSigned("gone.example");
    expect(200, upload(OPERATOR, "gone.example", issued.chainPem(), issued.keyPem()));

    expect(204, call(HttpMethod.DELETE, "/v1/sites/gone.example", OPERATOR, null));

    assertNull(await(store.get(KEYS.cert("gone.example"))));
  }

  @Test
  void withoutAKeyEncryptionKeyUploadsAreRefusedWithAClearError(Vertx vertx) {
    deploy(vertx, await(MemoryKvStore.open(vertx, null, KEYS)), false);
    operatorSite("shop.example");
    Issued issued = TestCertificates.selfSigned("shop.example");

    JsonObject problem = expect(503, upload(OPERATOR, "shop.example", issued.chainPem(), issued.keyPem()))
        .bodyAsJsonObject();
    assertTrue(problem.getString("detail").contains("tls.keyEncryptionKey"), problem.encode());
    assertNull(await(store.get(KEYS.cert("shop.example"))));
  }

  private static void refused(HttpResponse<Buffer> response, String pointer, String detail) {
    JsonObject problem = expect(422, response).bodyAsJsonObject();
    JsonArray errors = problem.getJsonArray("errors");
    assertTrue(errors.stream().map(JsonObject.class::cast)
            .anyMatch(e -> e.getString("pointer").equals(pointer) && e.getString("detail").contains(detail)),
        problem.encode());
  }

  /** Neither the PEM text, nor its base64 body, nor the raw key bytes as text appear anywhere. */
  private static void assertNoKeyInClear(Issued issued, List<String> texts) {
    String pkcs8 = Base64.getEncoder().encodeToString(issued.key().getEncoded());
    for (String text : texts) {
      assertFalse(text.contains("PRIVATE KEY"), text);
      assertFalse(text.contains(pkcs8.substring(0, 40)), text);
      assertFalse(text.replace("\n", "").contains(pkcs8.substring(20, 60)), text);
    }
  }

  private List<String> everyValue() {
    List<String> values = new ArrayList<>();
    String cursor = null;
    do {
      KvPage page = await(store.scan(KEYS.prefix(), cursor, 100));
      for (String key : page.keys()) {
        if (key.startsWith(KEYS.prefix() + "tenant-")) {
          values.addAll(await(store.members(key)));
          continue;
        }
        var entry = await(store.get(key));
        if (entry != null) {
          values.add(entry.value());
        }
      }
      cursor = page.next();
    } while (cursor != null);
    return values;
  }

  /** The operator creates the site for tenant {@code ops}. */
  private void operatorSite(String host) {
    call(HttpMethod.PUT, "/v1/tenants/ops", OPERATOR, null);
    expect(201, call(HttpMethod.PUT, "/v1/sites/" + host, OPERATOR, site().put("tenant", "ops")));
  }

  private static JsonObject site() {
    return new JsonObject().put("origin", new JsonObject().put("url", "https://origin.example.com"));
  }

  private HttpResponse<Buffer> upload(String token, String host, String chain, String key) {
    return call(HttpMethod.PUT, "/v1/sites/" + host + "/certificate", token,
        new JsonObject().put("certificate", chain).put("privateKey", key));
  }

  private String tenantToken(String tenant) {
    expect(201, call(HttpMethod.PUT, "/v1/tenants/" + tenant, OPERATOR, null));
    return expect(201, call(HttpMethod.POST, "/v1/tenants/" + tenant + "/tokens", OPERATOR, null))
        .bodyAsJsonObject().getString("token");
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    var request = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return await(sent);
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
