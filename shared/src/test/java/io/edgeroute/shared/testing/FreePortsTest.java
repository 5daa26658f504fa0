package io.edgeroute.shared.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aFreePortIsBindableAndBelowTheEphemeralRange() throws IOException {
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.freePort();
      assertTrue(port >= FreePorts.LOWEST, "port " + port);
      assertTrue(port < FreePorts.ephemeralStartForTests(), "port " + port + " is in the ephemeral range");
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertTrue(bound.isBound());
      }
    }
  }

  @Test
  void aPortPairLeavesBothPortsFree() throws IOException {
    int port = FreePorts.freePortPair(10_000);
    try (ServerSocket first = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
         ServerSocket second = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
      assertTrue(first.isBound() && second.isBound());
    }
  }
}
