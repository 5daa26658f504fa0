package io.edgeroute.shared.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1, so that test servers never collide with each other or a real one.
 *
 * <p>A port handed out here is bound later by someone else (a Hazelcast member, a child process),
 * so it is picked at random below the kernel's ephemeral range: a port the OS picks from that range
 * can be taken in the meantime by any outgoing connection of the same build (a cluster member
 * dialling another, a Redis client), and the server then fails with "Address already in use".
 */
public final class FreePorts {

  /** The lowest port handed out; below it sit the well-known ports of real services. */
  static final int LOWEST = 10_000;

  /** Where the kernel's ephemeral range starts when it cannot be read (Linux's default). */
  static final int DEFAULT_EPHEMERAL_START = 32_768;

  private static final int EPHEMERAL_START = ephemeralStart();

  private FreePorts() {
  }

  /** @return a port nothing listens on right now, outside the ephemeral range when possible */
  public static int freePort() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200 && EPHEMERAL_START > LOWEST; attempt++) {
      int port = random.nextInt(LOWEST, EPHEMERAL_START);
      if (isFree(port)) {
        return port;
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** @return where the ephemeral range starts on this machine */
  static int ephemeralStartForTests() {
    return EPHEMERAL_START;
  }

  private static int ephemeralStart() {
    // Read by line: on some kernels a whole-file read of a /proc file returns only its first byte.
    try (BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  /**
   * @return a free port {@code p} for a Redis Cluster node, which also listens on {@code p + offset}
   *     (its cluster bus, offset 10000); both are free right now
   */
  public static int freePortPair(int offset) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      // The pair's second port stays below the ephemeral range too, unless that keeps failing.
      boolean outsideEphemeral = port + offset < EPHEMERAL_START || attempt >= 50;
      if (port + offset <= 65_535 && outsideEphemeral && isFree(port + offset)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair with offset " + offset + " on 127.0.0.1");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
