package io.edgeroute.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Our command line: {@code [-conf FILE] [-cluster] [other VertxApplication options]}. {@code -conf}
 * is taken out here because ours names a file to <em>watch</em>, whereas VertxApplication's
 * {@code -conf} is read once as JSON; everything else is passed through unchanged.
 */
record LaunchArgs(String configPath, List<String> vertxArgs) {

  /** The configuration file used without {@code -conf}, relative to the working directory. */
  static final String DEFAULT_CONFIG_PATH = "conf/edgeroute.json";

  /** @throws IllegalArgumentException when {@code -conf} has no value */
  static LaunchArgs parse(String... args) {
    String path = DEFAULT_CONFIG_PATH;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-conf") || a.equals("--conf")) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new IllegalArgumentException(a + " needs a file path");
        }
        path = args[++i];
      } else if (a.startsWith("-conf=") || a.startsWith("--conf=")) {
        path = a.substring(a.indexOf('=') + 1);
      } else {
        rest.add(a);
      }
    }
    return new LaunchArgs(path, List.copyOf(rest));
  }
}
