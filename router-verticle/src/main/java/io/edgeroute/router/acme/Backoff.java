package io.edgeroute.router.acme;

import java.time.Duration;

/** When a failed name may be ordered again (SPEC §9): 1 minute after the first failure, doubling, at most a day. */
final class Backoff {

  static final Duration FIRST = Duration.ofMinutes(1);
  static final Duration MAX = Duration.ofDays(1);

  private Backoff() {
  }

  /** @param failures failures in a row, at least 1 */
  static Duration after(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 20);
    Duration delay = FIRST.multipliedBy(1L << doublings);
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }
}
