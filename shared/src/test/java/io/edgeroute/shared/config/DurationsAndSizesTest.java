package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndSizesTest {

  @Test
  void parsesEveryDurationUnit() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    assertEquals(Duration.ofHours(24), Durations.parse("24h"));
    assertEquals(Duration.ZERO, Durations.parse("0s"));
  }

  @Test
  void formatsDurationsInTheLargestExactUnit() {
    assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    assertEquals("24h", Durations.format(Duration.ofHours(24)));
    assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
    assertEquals("60s", Durations.format(Duration.ofSeconds(60)));
    assertEquals("0s", Durations.format(Duration.ZERO));
  }

  @Test
  void refusesABareNumberAsDurationAndSaysHowToWriteIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("30"));
    assertEquals("\"30\" is not a duration; write it like \"30s\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("-1s"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("1 fortnight"));
  }

  @Test
  void parsesAndFormatsSizes() {
    assertEquals(8L << 20, Sizes.parse("8MiB"));
    assertEquals(256L << 20, Sizes.parse("256MiB"));
    assertEquals(1L << 30, Sizes.parse("1GiB"));
    assertEquals(100L << 10, Sizes.parse("100KiB"));
    assertEquals(10, Sizes.parse("10B"));
    assertEquals("8MiB", Sizes.format(8L << 20));
    assertEquals("1GiB", Sizes.format(1L << 30));
    assertEquals("10B", Sizes.format(10));
    assertEquals("0B", Sizes.format(0));
  }

  @Test
  void refusesBareNumbersAndDecimalUnitsAsSizes() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sizes.parse("512")).getMessage().contains("is not a size"));
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse("8MB"));
  }

  @Test
  void parsesIpv4AndIpv6Cidrs() throws Exception {
    Cidr v4 = Cidr.parse("10.0.0.0/8");
    assertTrue(v4.contains(java.net.InetAddress.getByName("10.1.2.3")));
    assertTrue(!v4.contains(java.net.InetAddress.getByName("11.0.0.1")));
    Cidr v6 = Cidr.parse("fd00::/8");
    assertTrue(v6.contains(java.net.InetAddress.getByName("fd12::1")));
    assertTrue(!v6.contains(java.net.InetAddress.getByName("10.1.2.3")));
    assertEquals(32, Cidr.parse("127.0.0.1").prefixLength());
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/8"));
  }
}
