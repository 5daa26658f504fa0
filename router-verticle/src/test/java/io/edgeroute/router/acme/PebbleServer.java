package io.edgeroute.router.acme;

import io.edgeroute.shared.testing.ChallTestServer;
import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Let's Encrypt's ACME test server for tests: {@code pebble} with {@code pebble-challtestsrv} as its
 * DNS, both from the Debian package {@code pebble}, on free loopback ports, stopped by {@link #close}.
 * Pebble's HTTPS certificate comes from a test CA made here ({@link #caPem}); challtestsrv answers
 * every A query with 127.0.0.1 unless told otherwise ({@link #setA}). Pebble validates HTTP-01 on
 * {@code httpPort}: give it the router's plain port. Missing binaries fail the test, never skip it.
 */
public final class PebbleServer implements AutoCloseable {

  public static final Path PEBBLE = Path.of("/usr/bin/pebble");

  private final ChallTestServer dns;
  private Process pebble;
  private final int port;
  private final Path caPem;

  private PebbleServer(ChallTestServer dns, int port, Path caPem) {
    this.dns = dns;
    this.port = port;
    this.caPem = caPem;
  }

  /**
   * @param dir      where the CA, Pebble's certificate and config and the logs are written
   * @param httpPort the port Pebble's validation connects to for HTTP-01
   */
  public static PebbleServer start(Path dir, int httpPort) throws IOException, InterruptedException {
    ChallTestServer.requireExecutable(PEBBLE);
    TestCertificates.Issued ca = TestCertificates.certificateAuthority("Edgeroute test ACME CA");
    TestCertificates.Issued tls = TestCertificates.issuedBy(ca, "localhost", "127.0.0.1");
    Path caPem = Files.writeString(dir.resolve("pebble-ca.pem"), ca.certificatePem());
    Path cert = Files.writeString(dir.resolve("pebble-cert.pem"), tls.chainPem());
    Path key = Files.writeString(dir.resolve("pebble-key.pem"), tls.keyPem());
    int port = FreePorts.freePort();
    Path config = Files.writeString(dir.resolve("pebble.json"), """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
          "ocspResponderURL": "", "externalAccountBindingRequired": false}}
        """.formatted(port, FreePorts.freePort(), cert, key, httpPort, FreePorts.freePort()));
    PebbleServer server = new PebbleServer(ChallTestServer.start(dir.resolve("challtestsrv.log")), port, caPem);
    try {
      ProcessBuilder builder = new ProcessBuilder(PEBBLE.toString(), "-config", config.toString(),
          "-dnsserver", server.dns.dnsServer()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pebble.log").toFile()));
      builder.environment().putAll(Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"));
      server.pebble = builder.start();
      ChallTestServer.awaitListening(port);
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** @return the ACME directory URL */
  public String directoryUrl() {
    return "https://127.0.0.1:" + port + "/dir";
  }

  /** @return the PEM file of the CA that signed Pebble's HTTPS certificate (for {@code acme.trustStore}) */
  public Path caPem() {
    return caPem;
  }

  /** Makes Pebble's DNS answer A queries for {@code host} with {@code address}. */
  public void setA(String host, String address) throws IOException, InterruptedException {
    dns.setA(host, address);
  }

  @Override
  public void close() {
    if (pebble != null) {
      pebble.destroy();
      try {
        if (!pebble.waitFor(5, TimeUnit.SECONDS)) {
          pebble.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dns.close();
  }
}
