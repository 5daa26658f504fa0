package io.edgeroute.shared.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Value checks shared by the JSON constructors (which collect problems through
 * {@link ConfigReader#check}) and the fluent setters (which throw at once through {@link #check}).
 * Each check throws {@link IllegalArgumentException} with a message that names no key; the caller
 * knows the key.
 */
final class Checks {

  private Checks() {
  }

  /** Runs {@code check} on {@code value}; a failure becomes an {@link InvalidConfigException} naming {@code key}. */
  static <T> T check(String key, T value, Function<? super T, ?> check) {
    try {
      check.apply(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key, e.getMessage());
    }
  }

  static Function<Number, Object> range(long min, long max) {
    return n -> {
      if (n == null || n.longValue() < min || n.longValue() > max) {
        throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
      }
      return n;
    };
  }

  static Object port(Number n) {
    return range(0, 65535).apply(n);
  }

  static Object nonEmpty(String s) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("must be a non-empty string");
    }
    return s;
  }

  static Object nonNegative(Duration d) {
    return Durations.requireNonNegative(d);
  }

  static Function<String, Object> oneOf(Set<String> allowed) {
    return s -> {
      if (!allowed.contains(s)) {
        throw new IllegalArgumentException("\"" + s + "\" is not one of " + allowed.stream().sorted().toList());
      }
      return s;
    };
  }

  /** Checks every element of a list, e.g. {@code each(Cidr::parse)}. */
  static <T> Function<List<T>, Object> each(Function<? super T, ?> check) {
    return list -> {
      if (list == null) {
        throw new IllegalArgumentException("must not be null");
      }
      list.forEach(check::apply);
      return list;
    };
  }

  /** {@code host:port} with a port in 1..65535, as in a cluster member list. */
  static Object hostPort(String s) {
    int colon = s == null ? -1 : s.lastIndexOf(':');
    if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")
        || Integer.parseInt(s.substring(colon + 1)) > 65535) {
      throw new IllegalArgumentException("\"" + s + "\" is not host:port");
    }
    return s;
  }

  /** A Redis endpoint URI: {@code redis://} or {@code rediss://} (TLS) followed by a host. */
  static Object redisEndpoint(String s) {
    if (s == null || !s.matches("rediss?://[^\\s/]+(/\\d*)?")) {
      throw new IllegalArgumentException("\"" + s + "\" is not a Redis endpoint like \"redis://127.0.0.1:6379\"");
    }
    return s;
  }
}
