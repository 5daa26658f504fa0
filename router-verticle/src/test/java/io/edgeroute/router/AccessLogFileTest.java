package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.testing.Await;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log's writer: entries offered from many threads at once all arrive, one JSON line
 * each, in UTF-8, whatever characters a visitor sent.
 */
class AccessLogFileTest {

  @TempDir
  Path dir;

  @Test
  void entriesFromManyThreadsArriveAsOneUtf8JsonLineEach() throws Exception {
    Path file = dir.resolve("access.log");
    AccessLog log = AccessLog.to(file.toString());
    int threads = 4;
    int perThread = 5_000;
    // A visitor's obs-text arrives as ISO-8859-1 chars; a valid surrogate pair is kept as it is.
    String requestId = "id-\u00e9\u00ff-\ud83d\ude00";
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> offering = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread offerer = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          log.offer(new AccessEntry(1_700_000_000_000L, requestId, "127.0.0.1", "GET", "a.test",
              "/t" + thread + "/" + i, 200, 0, 1024, 1_500_000, -1, "s1", "tenant", null, null, null));
        }
      });
      offerer.start();
      offering.add(offerer);
    }
    start.countDown();
    for (Thread offerer : offering) {
      offerer.join();
    }
    int total = threads * perThread;
    Await.until("every line written", () -> log.written() + log.dropped() >= total);
    assertEquals(0, log.dropped());
    Await.until("every line on disk", () -> Files.exists(file) && file.toFile().length() > 0
        && countNewlines(file) >= total);

    List<String> lines = lines(file);
    assertEquals(total, lines.size());
    boolean[][] seen = new boolean[threads][perThread];
    for (String line : lines) {
      JsonObject json = new JsonObject(line);
      assertEquals(requestId, json.getString("requestId"));
      String[] path = json.getString("path").split("/");
      seen[Integer.parseInt(path[1].substring(1))][Integer.parseInt(path[2])] = true;
    }
    for (boolean[] thread : seen) {
      for (boolean line : thread) {
        assertEquals(true, line);
      }
    }
  }

  private static long countNewlines(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      long n = 0;
      for (byte b : bytes) {
        n += b == '\n' ? 1 : 0;
      }
      return n;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
