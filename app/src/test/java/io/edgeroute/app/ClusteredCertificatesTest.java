package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeroute.shared.testing.TlsProbe;
import io.edgeroute.shared.net.BoundPorts;
import io.edgeroute.shared.testing.EmbeddedRedisCluster;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import io.edgeroute.shared.testing.TestCertificates.Issued;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploaded certificates on two clustered nodes over one Redis Cluster (SPEC §9): an upload through
 * node 1's admin API is served by both nodes' HTTPS listeners, and a replacement is served by the
 * next handshake on both within a second, with no restart.
 */
class ClusteredCertificatesTest {

  private static final String BEARER = "Bearer " + ClusterNode.OPERATOR_TOKEN;

  private static EmbeddedRedisCluster redis;
  private static ClusterNode node1;
  private static ClusterNode node2;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startClusterAndNodes() throws Exception {
    redis = EmbeddedRedisCluster.start();
    int hz1 = FreePorts.freePort();
    int hz2 = FreePorts.freePort();
    List<String> members = List.of("127.0.0.1:" + hz1, "127.0.0.1:" + hz2);
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    JsonObject tls = new JsonObject().put("tls", new JsonObject().put("keyEncryptionKey",
        Base64.getEncoder().encodeToString(kek)));
    node1 = ClusterNode.start(dir, "node1", redis.endpoints(), hz1, members, https(tls))
        .await(60, TimeUnit.SECONDS);
    node2 = ClusterNode.start(dir, "node2", redis.endpoints(), hz2, members, https(tls))
        .await(60, TimeUnit.SECONDS);
    expect(201, admin().put(node1.adminPort(), "127.0.0.1", "/v1/tenants/ops").putHeader("Authorization", BEARER)
        .send().await(10, TimeUnit.SECONDS));
  }

  private static JsonObject https(JsonObject tls) {
    return tls.copy().put("router", new JsonObject().put("https", new JsonObject().put("port", FreePorts.freePort())));
  }

  @AfterAll
  static void stopNodesAndCluster() throws Exception {
    for (ClusterNode node : new ClusterNode[] {node1, node2}) {
      if (node != null) {
        node.stop().await(30, TimeUnit.SECONDS);
      }
    }
    redis.close();
  }

  @Test
  void aReplacedCertificateIsServedByTheNextHandshakeOnBothNodesWithinASecond() throws Exception {
    String host = "tls.example";
    expect(201, admin().put(node1.adminPort(), "127.0.0.1", "/v1/sites/" + host).putHeader("Authorization", BEARER)
        .sendJsonObject(new JsonObject().put("tenant", "ops")
            .put("origin", new JsonObject().put("url", "https://origin.example.com")))
        .await(10, TimeUnit.SECONDS));
    assertThrows(SSLException.class, () -> TlsProbe.handshake(httpsPort(node2), host), "no certificate yet");

    for (int trial = 0; trial < 3; trial++) {
      Issued issued = TestCertificates.selfSigned(host);
      upload(trial % 2 == 0 ? node1 : node2, host, issued);
      long answered = System.nanoTime();
      for (ClusterNode node : new ClusterNode[] {node1, node2}) {
        X509Certificate served = servedWithin(node, host, issued.certificate(), answered + TimeUnit.SECONDS.toNanos(1));
        assertEquals(issued.certificate(), served, "trial " + trial + " on " + httpsPort(node));
      }
    }
  }

  private static X509Certificate servedWithin(ClusterNode node, String host, X509Certificate expected, long deadline) {
    X509Certificate served = served(node, host);
    while (!expected.equals(served) && System.nanoTime() < deadline) {
      served = served(node, host);
    }
    return served;
  }

  private static X509Certificate served(ClusterNode node, String host) {
    try {
      return TlsProbe.handshake(httpsPort(node), host);
    } catch (Exception refused) {
      return null;
    }
  }

  private static void upload(ClusterNode node, String host, Issued issued) throws Exception {
    expect(200, admin().put(node.adminPort(), "127.0.0.1", "/v1/sites/" + host + "/certificate")
        .putHeader("Authorization", BEARER)
        .sendJsonObject(new JsonObject().put("certificate", issued.chainPem()).put("privateKey", issued.keyPem()))
        .await(10, TimeUnit.SECONDS));
  }

  private static int httpsPort(ClusterNode node) {
    return BoundPorts.get(node.vertx(), BoundPorts.ROUTER_HTTPS);
  }

  private static WebClient admin() {
    return WebClient.create(node1.vertx());
  }

  private static void expect(int status, HttpResponse<Buffer> response) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
  }
}
