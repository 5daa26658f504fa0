package io.edgeroute.shared.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration was refused. Carries <em>every</em> problem found, not just the first, so one
 * edit-and-retry fixes the whole file.
 */
public class InvalidConfigException extends IllegalArgumentException {

  private final List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Convenience for a single problem. */
  public InvalidConfigException(String key, String message) {
    this(List.of(new ConfigProblem(key, message)));
  }

  /** @return the problems, in the order they were found (never empty) */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid configuration has at least one problem");
    }
    return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
  }
}
