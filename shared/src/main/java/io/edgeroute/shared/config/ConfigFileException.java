package io.edgeroute.shared.config;

/**
 * The configuration file could not be used at start: its message names the file and every
 * problem, and is all an operator needs, so it carries no stack trace (a launcher that logs the
 * failure then prints one clear line instead of forty frames of future plumbing).
 */
public class ConfigFileException extends RuntimeException {

  public ConfigFileException(String message) {
    super(message, null, false, false);
  }
}
