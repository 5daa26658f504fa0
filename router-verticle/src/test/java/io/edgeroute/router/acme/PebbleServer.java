package io.edgeroute.router.acme;

import io.edgeroute.shared.testing.FreePorts;
import io.edgeroute.shared.testing.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  public static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");

  private final List<Process> processes = new ArrayList<>();
  private final int port;
  private final int challtestManagementPort;
  private final Path caPem;

  private PebbleServer(int port, int challtestManagementPort, Path caPem) {
    this.port = port;
    this.challtestManagementPort = challtestManagementPort;
    this.caPem = caPem;
  }

  /**
   * @param dir      where the CA, Pebble's certificate and config and the logs are written
   * @param httpPort the port Pebble's validation connects to for HTTP-01
   */
  public static PebbleServer start(Path dir, int httpPort) throws IOException, InterruptedException {
    for (Path binary : List.of(PEBBLE, CHALLTESTSRV)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing: install the Debian package pebble "
            + "(apt-get install pebble); the ACME tests need it and are never skipped");
      }
    }
    TestCertificates.Issued ca = TestCertificates.certificateAuthority("Edgeroute test ACME CA");
    TestCertificates.Issued tls = TestCertificates.issuedBy(ca, "localhost", "127.0.0.1");
    Path caPem = Files.writeString(dir.resolve("pebble-ca.pem"), ca.certificatePem());
    Path cert = Files.writeString(dir.resolve("pebble-cert.pem"), tls.chainPem());
    Path key = Files.writeString(dir.resolve("pebble-key.pem"), tls.keyPem());
    int port = FreePorts.freePort();
    int dns = FreePorts.freePort();
    int management = FreePorts.freePort();
    Path config = Files.writeString(dir.resolve("pebble.json"), """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
          "ocspResponderURL": "", "externalAccountBindingRequired": false}}
        """.formatted(port, FreePorts.freePort(), cert, key, httpPort, FreePorts.freePort()));
    PebbleServer server = new PebbleServer(port, management, caPem);
    try {
      server.spawn(dir.resolve("challtestsrv.log"), Map.of(), CHALLTESTSRV.toString(),
          "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "",
          "-management", "127.0.0.1:" + management, "-defaultIPv6", "");
      awaitListening(management);
      server.spawn(dir.resolve("pebble.log"), Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"),
          PEBBLE.toString(), "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dns);
      awaitListening(port);
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

  /** Makes challtestsrv answer A queries for {@code host} with {@code address}. */
  public void setA(String host, String address) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + challtestManagementPort + "/add-a"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"host\": \"" + host + ".\", \"addresses\": [\"" + address + "\"]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("challtestsrv /add-a answered " + response.statusCode() + ": " + response.body());
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void spawn(Path log, Map<String, String> env, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    processes.add(builder.start());
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after 20 s");
  }
}
