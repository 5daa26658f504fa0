package io.edgeroute.shared.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code pebble-challtestsrv} (Debian package {@code pebble}) as a test DNS server on free loopback
 * ports: it answers every A query with 127.0.0.1 unless {@link #setA} says otherwise, and serves the
 * TXT records {@link #setTxt} adds. Its HTTP, HTTPS and TLS-ALPN challenge servers are off. A
 * missing binary fails the test, never skips it.
 */
public final class ChallTestServer implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/pebble-challtestsrv");

  private final Process process;
  private final int dnsPort;
  private final int managementPort;

  private ChallTestServer(Process process, int dnsPort, int managementPort) {
    this.process = process;
    this.dnsPort = dnsPort;
    this.managementPort = managementPort;
  }

  /** @param log where its output goes */
  public static ChallTestServer start(Path log) throws IOException, InterruptedException {
    requireExecutable(BINARY);
    int dns = FreePorts.freePort();
    int management = FreePorts.freePort();
    Process process = new ProcessBuilder(BINARY.toString(), "-dns01", "127.0.0.1:" + dns, "-http01", "",
        "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + management, "-defaultIPv6", "")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    ChallTestServer server = new ChallTestServer(process, dns, management);
    try {
      awaitListening(management);
      return server;
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
  }

  /** @throws IllegalStateException naming the package to install when {@code binary} is missing */
  public static void requireExecutable(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is missing: install the Debian package pebble "
          + "(apt-get install pebble); these tests need it and are never skipped");
    }
  }

  /** @return {@code 127.0.0.1:<port>} of its DNS server */
  public String dnsServer() {
    return "127.0.0.1:" + dnsPort;
  }

  /** A queries for {@code host} get {@code address}. */
  public void setA(String host, String address) throws IOException, InterruptedException {
    post("/add-a", "{\"host\": \"" + host + ".\", \"addresses\": [\"" + address + "\"]}");
  }

  /** TXT queries for {@code name} get {@code value}. */
  public void setTxt(String name, String value) throws IOException, InterruptedException {
    post("/set-txt", "{\"host\": \"" + name + ".\", \"value\": \"" + value + "\"}");
  }

  /** @return how many DNS queries for {@code host} (any type) it has answered since it started */
  public int dnsQueries(String host) throws IOException, InterruptedException {
    return new io.vertx.core.json.JsonArray(post("/dns-request-history", "{\"host\": \"" + host + "\"}")).size();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + managementPort + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("challtestsrv " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  /** Polls until something accepts connections on {@code port}, for at most 20 s. */
  public static void awaitListening(int port) throws InterruptedException {
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
