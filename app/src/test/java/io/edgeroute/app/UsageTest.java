package io.edgeroute.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.EdgerouteOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageTest {

  @Test
  void helpListsTheOptionsAndEveryConfigKeyWithItsDefault() {
    String help = print("--help");
    assertTrue(help.contains("-conf FILE") && help.contains("-cluster") && help.contains("--version"), help);
    assertTrue(help.contains("router.port") && help.contains("8080"), help);
    assertTrue(help.contains("shutdown.timeout") && help.contains("\"30s\""), help);
    assertTrue(help.contains("router.healthPath") && help.contains("(unset)"), help);
    EdgerouteOptions.defaults().toJson().fieldNames().forEach(block ->
        assertTrue(help.contains("  " + block + "."), block + " missing"));
  }

  @Test
  void versionIsOneLine() {
    String version = print("--version");
    assertTrue(version.startsWith("edgeroute "), version);
    assertTrue(version.strip().lines().count() == 1, version);
  }

  @Test
  void otherArgumentsAreNotUsage() {
    assertFalse(Usage.handled(new String[] {"-conf", "x.json", "-cluster"}, new PrintStream(new ByteArrayOutputStream())));
  }

  private static String print(String arg) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertTrue(Usage.handled(new String[] {arg}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
