package io.edgeroute.shared.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: the dotted key path it concerns ({@code kv.cache.ttl}) and
 * what is wrong with it, phrased so an operator can fix the file without reading code.
 */
public record ConfigProblem(String key, String message) {

  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return key + ": " + message;
  }
}
