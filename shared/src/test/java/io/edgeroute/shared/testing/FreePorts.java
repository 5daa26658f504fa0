package io.edgeroute.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, so that test servers never collide with each other or a real one. */
public final class FreePorts {

  private FreePorts() {
  }

  /** @return a port nothing listens on right now (the OS picks it, so parallel builds do not clash) */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * @return a free port {@code p} for a Redis Cluster node, which also listens on {@code p + offset}
   *     (its cluster bus, offset 10000); both are free right now
   */
  public static int freePortPair(int offset) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      if (port + offset <= 65_535 && isFree(port + offset)) {
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
