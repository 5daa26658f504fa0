package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchArgsTest {

  @Test
  void confIsTakenOutAndTheRestPassedThrough() {
    LaunchArgs a = LaunchArgs.parse("-conf", "/etc/edgeroute.json", "-cluster");
    assertEquals("/etc/edgeroute.json", a.configPath());
    assertEquals(List.of("-cluster"), a.vertxArgs());
    assertEquals("x.json", LaunchArgs.parse("--conf=x.json").configPath());
  }

  @Test
  void withoutConfTheDefaultFileIsUsed() {
    assertEquals("conf/edgeroute.json", LaunchArgs.parse().configPath());
  }

  @Test
  void confWithoutAValueIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LaunchArgs.parse("-conf"));
  }
}
