package io.edgeroute.app;

import io.edgeroute.shared.config.EdgerouteOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code --help} and {@code --version} (SPEC §8). The list of configuration keys is made from the
 * built-in defaults, so it cannot fall behind the options classes.
 */
final class Usage {

  /** What a jar built outside Maven (an IDE) reports as its version. */
  static final String UNKNOWN_VERSION = "development build";

  private Usage() {
  }

  /** @return whether {@code args} ask for help or the version; then it has been printed to {@code out} */
  static boolean handled(String[] args, PrintStream out) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-help") || a.equals("-h")) {
        out.print(help());
        return true;
      }
      if (a.equals("--version") || a.equals("-version")) {
        out.println("edgeroute " + version());
        return true;
      }
    }
    return false;
  }

  /** @return the version in the jar's manifest */
  static String version() {
    String v = Usage.class.getPackage().getImplementationVersion();
    return v == null ? UNKNOWN_VERSION : v;
  }

  static String help() {
    StringBuilder b = new StringBuilder()
        .append("Edgeroute ").append(version()).append(" - a multi-tenant edge router\n\n")
        .append("Usage: java [-Xmx...] -jar edgeroute.jar [-conf FILE] [-cluster] [--help] [--version]\n\n")
        .append("Options:\n")
        .append("  -conf FILE   configuration file, re-read while running (default ")
        .append(LaunchArgs.DEFAULT_CONFIG_PATH).append(")\n")
        .append("  -cluster     join the Hazelcast cluster of the `cluster` block (purges and changes over the event bus)\n")
        .append("  --help       this text\n")
        .append("  --version    the version\n\n")
        .append("Configuration keys and their defaults (JSON file; durations like \"30s\", sizes like \"8MiB\").\n")
        .append("Every key can be overridden by an environment variable EDGEROUTE_<PATH>,\n")
        .append("e.g. EDGEROUTE_ROUTER_PORT=8081 or EDGEROUTE_KV_REDIS_ENDPOINTS=redis://10.0.0.5:6379,redis://10.0.0.6:6379;\n")
        .append("EDGEROUTE_OPERATOR_TOKEN adds one operator token.\n\n");
    keys(b, "", EdgerouteOptions.defaults().toJson());
    return b.append("\nSignals: SIGTERM drains (readiness 503, requests in flight finish within shutdown.timeout), then exits 0.\n")
        .append("Documentation: docs/README.md in the Edgeroute repository.\n").toString();
  }

  private static void keys(StringBuilder b, String prefix, JsonObject json) {
    for (Map.Entry<String, Object> e : json) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof JsonObject child && !child.isEmpty()) {
        keys(b, key + ".", child);
      } else {
        String shown = e.getValue() == null ? "(unset)" : io.vertx.core.json.Json.encode(e.getValue());
        b.append(String.format("  %-32s %s%n", key, shown));
      }
    }
  }
}
