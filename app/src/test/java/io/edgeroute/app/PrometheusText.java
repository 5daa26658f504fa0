package io.edgeroute.app;

import java.util.Arrays;

/** Reads samples out of a Prometheus text exposition, for tests. */
final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * @param labels label pairs the sample must carry, written as in the text: {@code status="2xx"}
   * @return the sum of the samples of {@code name} carrying every label, 0 when there is none
   */
  static double sum(String text, String name, String... labels) {
    return text.lines()
        .filter(line -> !line.startsWith("#"))
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** @return whether any sample of {@code name} is present */
  static boolean has(String text, String name) {
    return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
  }
}
