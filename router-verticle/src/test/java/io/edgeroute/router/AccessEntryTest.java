package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AccessEntryTest {

  @Test
  void aLineIsOneJsonObjectWithEveryField() {
    AccessEntry entry = new AccessEntry(1_764_750_000_123L, "req-1", "127.0.0.1", "GET", "a.example", "/page",
        200, 12, 1024, 1_234_567, 456_789, "site-1", "jottings", "http://10.0.0.5:8080", "Edgeroute; hit", "TLSv1.3");

    JsonObject line = new JsonObject(entry.toLine());

    assertEquals(new JsonObject()
        .put("time", "2025-12-03T08:20:00.123Z").put("requestId", "req-1").put("client", "127.0.0.1")
        .put("method", "GET").put("host", "a.example").put("path", "/page").put("status", 200)
        .put("bytesIn", 12).put("bytesOut", 1024).put("durationMs", 1.235).put("originMs", 0.457)
        .put("siteId", "site-1").put("tenant", "jottings").put("origin", "http://10.0.0.5:8080")
        .put("cacheStatus", "Edgeroute; hit").put("tls", "TLSv1.3"), line);
  }

  @Test
  void absentFactsAreNullNotLeftOut() {
    JsonObject line = new JsonObject(new AccessEntry(0, "r", "::1", "GET", null, "/", 404, 0, 10, 5_000, -1,
        null, null, null, null, null).toLine());

    assertEquals(16, line.size());
    assertNull(line.getValue("originMs"));
    assertNull(line.getValue("siteId"));
    assertNull(line.getValue("tls"));
    assertEquals(0.005, line.getDouble("durationMs"));
  }

  @Test
  void quotesControlCharactersAndBrokenUnicodeCannotBreakTheLine() {
    String hostile = "/a\"b\\c\nd\re\tf\u0000g\u001b\u007fh\ud800i\u00e9\ud83d\ude00";
    String text = new AccessEntry(0, "r", "1.2.3.4", "GET", "h", hostile, 200, 0, 0, 0, -1,
        null, null, null, null, null).toLine();

    assertFalse(text.contains("\n") || text.contains("\r"), text);
    assertEquals("/a\"b\\c\nd\re\tf\u0000g\u001b\u007fh\ud800i\u00e9\ud83d\ude00", new JsonObject(text).getString("path"));
  }

  @Test
  void oneClockFormatsEveryMillisecondAcrossSecondsAsInstantDoes() {
    AccessEntry.Clock clock = new AccessEntry.Clock();
    long[] times = {1_764_750_000_000L, 1_764_750_000_007L, 1_764_750_000_999L, 1_764_750_001_000L,
        1_764_750_000_050L, 0L, 1_798_761_599_999L};
    for (long t : times) {
      String line = entry(t, 1_000).appendTo(new LineBytes(16), clock).toString();
      assertEquals(java.time.Instant.ofEpochMilli(t), java.time.Instant.parse(new JsonObject(line).getString("time")),
          line);
    }
  }

  @Test
  void durationsAreMillisecondsRoundedToTheMicrosecond() {
    long[][] cases = {{0, 0}, {499, 0}, {500, 1}, {12_000_000, 12_000}, {999_999_499, 999_999}, {999_999_500, 1_000_000},
        {3_600_000_000_123L, 3_600_000_000L}};
    for (long[] c : cases) {
      JsonObject line = new JsonObject(entry(0, c[0]).toLine());
      assertEquals(c[1] / 1_000.0, line.getDouble("durationMs"), "nanos " + c[0]);
      assertEquals(c[1] / 1_000.0, line.getDouble("originMs"), "nanos " + c[0]);
    }
  }

  private static AccessEntry entry(long time, long nanos) {
    return new AccessEntry(time, "r", "1.2.3.4", "GET", "h", "/", 200, 0, 0, nanos, nanos, null, null, null, null, null);
  }
}
