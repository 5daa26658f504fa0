package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one place that knows which keys take effect only after a restart: listeners (host, port),
 * instance counts, the KV backend and the cluster. Everything else (TTLs, cache sizes, timeouts,
 * tokens, trusted proxies, response headers, log level, scan period) is live.
 */
public final class RestartOnlyKeys {

  /** Restart-only paths; a path also covers everything below it ({@code kv.redis} covers {@code kv.redis.endpoints}). */
  public static final List<String> PATHS = List.of(
      "router.host", "router.port", "router.instances", "router.https",
      "admin.host", "admin.port",
      "kv.type", "kv.file", "kv.redis",
      "cluster", "acme", "tls", "metrics", "log.accessFile");

  private RestartOnlyKeys() {
  }

  /** @return whether the dotted {@code key} is restart-only */
  public static boolean isRestartOnly(String key) {
    return PATHS.stream().anyMatch(p -> key.equals(p) || key.startsWith(p + "."));
  }

  /** @return the restart-only leaf keys whose values differ between {@code running} and {@code next} */
  public static List<String> changed(EdgerouteOptions running, EdgerouteOptions next) {
    return running.changedKeys(next).stream().filter(RestartOnlyKeys::isRestartOnly).toList();
  }

  /**
   * @return {@code next} with every restart-only value taken from {@code running}: what a running
   *     node can actually apply. Published snapshots are built this way so no component ever sees a
   *     port or backend it cannot switch to.
   */
  public static EdgerouteOptions keepRunning(EdgerouteOptions running, EdgerouteOptions next) {
    JsonObject merged = next.toJson();
    JsonObject old = running.toJson();
    for (String path : PATHS) {
      JsonPaths.put(merged, path, copy(JsonPaths.get(old, path)));
    }
    return new EdgerouteOptions(merged);
  }

  private static Object copy(Object v) {
    return v instanceof JsonObject ? ((JsonObject) v).copy() : v;
  }
}
