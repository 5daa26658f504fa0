package io.edgeroute.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class ConfigWatcherTest {

  @TempDir
  Path dir;
  private Path file;
  private LogCapture log;
  private ConfigWatcher watcher;

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("edgeroute.json");
    write(config("30s"));
    log = new LogCapture(ConfigWatcher.class);
  }

  @AfterEach
  void tearDown() {
    log.close();
    if (watcher != null) {
      watcher.stop();
    }
  }

  /** A config with a fast scan period and the given microcache TTL (raw JSON, so tests can break it). */
  private static String config(String ttlJson) {
    return "{\"config\": {\"scanPeriod\": \"200ms\"}, \"kv\": {\"cache\": {\"ttl\": \"" + ttlJson + "\"}}}";
  }

  /** Replaces the file atomically so a scan never sees half of it. */
  private void write(String content) throws IOException {
    Path tmp = Files.writeString(dir.resolve("next.tmp"), content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Future<EdgerouteOptions> start(Vertx vertx, Map<String, String> env) {
    watcher = new ConfigWatcher(vertx, file.toString(), env);
    return watcher.start();
  }

  private static Future<EdgerouteOptions> nextChange(Vertx vertx) {
    Promise<EdgerouteOptions> p = Promise.promise();
    var consumer = ConfigChanges.subscribe(vertx, p::tryComplete);
    return consumer.completion().compose(v -> p.future());
  }

  /** Writes {@code content} once a subscriber listens: completes with the snapshot the edit publishes. */
  private Future<EdgerouteOptions> edit(Vertx vertx, String content) {
    Future<EdgerouteOptions> change = nextChange(vertx);
    writeUnchecked(content);
    return change;
  }

  @Test
  void aLiveEditReachesSubscribersWithoutARestart(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of()).compose(first -> {
      assertEquals(Duration.ofSeconds(30), first.getKv().getCache().getTtl());
      return edit(vertx, config("10s"));
    }).onComplete(ctx.succeeding(o -> ctx.verify(() -> {
      assertEquals(Duration.ofSeconds(10), o.getKv().getCache().getTtl());
      assertEquals(o, watcher.current());
      assertEquals(1, log.lines("configuration changed: kv.cache.ttl").size());
      ctx.completeNow();
    })));
  }

  @Test
  void anEditOfTheSameLengthAndAnEditBackToTheFirstFileAreBothApplied(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of()).compose(first -> watcher.scanNow()).compose(v -> {
      // Scanned unchanged at least once: the next edit must still be seen, byte for byte.
      return edit(vertx, config("10s"));
    }).compose(ten -> {
      ctx.verify(() -> assertEquals(Duration.ofSeconds(10), ten.getKv().getCache().getTtl()));
      return edit(vertx, config("30s"));
    }).onComplete(ctx.succeeding(back -> ctx.verify(() -> {
      assertEquals(Duration.ofSeconds(30), back.getKv().getCache().getTtl());
      assertEquals(back, watcher.current());
      ctx.completeNow();
    })));
  }

  @Test
  void anInvalidEditIsRefusedOnceAndTheRunningConfigKept(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of()).compose(first -> {
      writeUnchecked("{\"config\": {\"scanPeriod\": \"200ms\"}, \"kv\": {\"cache\": {\"ttl\": \"30\", \"tll\": \"1s\"}}}");
      return log.await("refused");
    }).compose(line -> watcher.scanNow().compose(v -> watcher.scanNow()).map(line))
        .compose(line -> {
          ctx.verify(() -> {
            assertTrue(line.contains(file.toString()), line);
            assertTrue(line.contains("kv.cache.ttl: \"30\" is not a duration; write it like \"30s\""), line);
            assertTrue(line.contains("kv.cache.tll: unknown key"), line);
            assertEquals(1, log.lines("refused").size(), "logged once, not every scan");
            assertEquals(Duration.ofSeconds(30), watcher.current().getKv().getCache().getTtl());
          });
          return edit(vertx, config("5s"));
        }).onComplete(ctx.succeeding(o -> ctx.verify(() -> {
          assertEquals(Duration.ofSeconds(5), o.getKv().getCache().getTtl());
          ctx.completeNow();
        })));
  }

  @Test
  void brokenJsonIsRefusedWithOneLine(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of()).compose(first -> {
      writeUnchecked("{\"kv\": ");
      return log.await("refused");
    }).compose(line -> watcher.scanNow().map(line))
        .onComplete(ctx.succeeding(line -> ctx.verify(() -> {
          assertTrue(line.startsWith("WARNING configuration " + file), line);
          assertEquals(1, log.lines("refused").size());
          assertEquals(Duration.ofSeconds(30), watcher.current().getKv().getCache().getTtl());
          ctx.completeNow();
        })));
  }

  @Test
  void aRestartOnlyChangeIsLoggedAndNotApplied(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of()).compose(first -> {
      return edit(vertx, "{\"config\": {\"scanPeriod\": \"200ms\"}, \"router\": {\"port\": 8081},"
          + " \"kv\": {\"cache\": {\"ttl\": \"7s\"}}}");
    }).onComplete(ctx.succeeding(o -> ctx.verify(() -> {
      assertEquals(Duration.ofSeconds(7), o.getKv().getCache().getTtl());
      assertEquals(RouterOptions.DEFAULT_PORT, o.getRouter().getPort(), "the running port stays");
      assertEquals(1, log.lines("restart required: router.port").size());
      ctx.completeNow();
    })));
  }

  @Test
  void aMissingFileAtStartMeansDefaults(Vertx vertx, VertxTestContext ctx) {
    watcher = new ConfigWatcher(vertx, dir.resolve("absent.json").toString(), Map.of("EDGEROUTE_ROUTER_PORT", "0"));
    watcher.start().onComplete(ctx.succeeding(o -> ctx.verify(() -> {
      assertEquals(0, o.getRouter().getPort(), "env overrides still apply");
      assertEquals(EdgerouteOptions.defaults().getKv(), o.getKv());
      assertEquals(1, log.lines("no configuration file at").size());
      ctx.completeNow();
    })));
  }

  @Test
  void anInvalidFileAtStartFailsTheStartNamingFileAndKey(Vertx vertx, VertxTestContext ctx) throws IOException {
    write("{\"router\": {\"port\": \"8080\"}}");
    start(vertx, Map.of()).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("router.port: \"8080\" is not a whole number"), e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void environmentOverridesApplyToTheFile(Vertx vertx, VertxTestContext ctx) {
    start(vertx, Map.of("EDGEROUTE_KV_CACHE_TTL", "1m", "EDGEROUTE_OPERATOR_TOKEN", "secret"))
        .onComplete(ctx.succeeding(o -> ctx.verify(() -> {
          assertEquals(Duration.ofMinutes(1), o.getKv().getCache().getTtl());
          assertEquals(java.util.List.of("secret"), o.getAdmin().getOperatorTokens());
          assertTrue(new JsonObject(o.toJson().encode()).equals(o.toJson()));
          ctx.completeNow();
        })));
  }

  private void writeUnchecked(String content) {
    try {
      write(content);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
