package io.edgeroute.router.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void oneMinuteDoublingToADay() {
    assertEquals(Duration.ofMinutes(1), Backoff.after(1));
    assertEquals(Duration.ofMinutes(2), Backoff.after(2));
    assertEquals(Duration.ofMinutes(512), Backoff.after(10));
    assertEquals(Duration.ofMinutes(1024), Backoff.after(11));
    assertEquals(Duration.ofDays(1), Backoff.after(12));
    assertEquals(Duration.ofDays(1), Backoff.after(1000));
  }
}
