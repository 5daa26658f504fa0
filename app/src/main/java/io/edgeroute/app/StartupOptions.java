package io.edgeroute.app;

import io.edgeroute.shared.config.ConfigFileException;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.EnvOverrides;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration as it stands before Vert.x exists: what the clustered event bus must know to
 * start (the {@code cluster} block). It is read the way {@code ConfigWatcher} reads it — the file
 * merged over the built-in defaults, then environment overrides — but once and on the main thread,
 * which is fine because no event loop runs yet.
 */
final class StartupOptions {

  private StartupOptions() {
  }

  /**
   * @return the options of {@code path} (defaults when the file does not exist)
   * @throws ConfigFileException naming the file and every problem when it is invalid
   */
  static EdgerouteOptions read(String path, Map<String, String> env) {
    JsonObject merged = EdgerouteOptions.defaults().toJson();
    try {
      merged.mergeIn(new JsonObject(Files.readString(Path.of(path))), true);
    } catch (NoSuchFileException e) {
      // Same rule as the watcher: no file means the built-in defaults.
    } catch (IOException | DecodeException e) {
      throw new ConfigFileException("configuration " + path + " is invalid: " + e.getMessage());
    }
    try {
      return new EdgerouteOptions(EnvOverrides.apply(merged, env));
    } catch (RuntimeException e) {
      throw new ConfigFileException(("configuration " + path + " is invalid: " + e.getMessage()).replaceAll("\\s*\\R\\s*", " "));
    }
  }
}
