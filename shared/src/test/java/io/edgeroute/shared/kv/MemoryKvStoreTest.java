package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the embedded store, persisted to a file in a fresh temp directory per test. */
class MemoryKvStoreTest extends KvStoreContractTest {

  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("kv.json");
  }

  @Override
  protected Future<? extends KvStore> openStore(Vertx vertx) {
    return MemoryKvStore.open(vertx, file(), KEYS);
  }

  @Override
  protected void stopBackend() {
    throw new UnsupportedOperationException("the memory store has no backend to stop");
  }

  @Override
  protected void startBackend() {
    throw new UnsupportedOperationException("the memory store has no backend to start");
  }

  /**
   * Not applicable: the memory store's channel is in-process, so there is no connection to lose
   * and nothing to come back. Its "restart" is closing and reopening the file, tested by
   * {@link #dataSurvivesCloseAndReopen}.
   */
  @Override
  @Test
  void subscriptionSurvivesBackendRestart(Vertx vertx) {
  }

  @Test
  void dataSurvivesCloseAndReopen(Vertx vertx) {
    await(store.put("test:site:a.example", "{\"version\":2}", KvStore.ABSENT));
    await(store.addToSet("test:tenant-sites:t", "a.example"));
    await(store.close());

    store = await(MemoryKvStore.open(vertx, file(), KEYS));
    assertEquals(new KvEntry("test:site:a.example", "{\"version\":2}", 2), await(store.get("test:site:a.example")));
    assertEquals(List.of("a.example"), await(store.members("test:tenant-sites:t")));
  }

  @Test
  void changesReachTheFileWithoutClose() {
    await(store.put("test:site:a.example", "{\"version\":1}", KvStore.ABSENT));
    // The coalesced save happens ~200 ms later; poll for it, bounded, instead of sleeping a guess.
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!fileMentions("test:site:a.example") && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertTrue(fileMentions("test:site:a.example"), "the change never reached " + file());
  }

  @Test
  void corruptFileFailsOpenNamingTheFile(Vertx vertx) throws IOException {
    Path corrupt = dir.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"values\": {\"k\": ");
    Throwable failure = failure(MemoryKvStore.open(vertx, corrupt, KEYS));
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(failure.getMessage().contains(corrupt.toAbsolutePath().toString()), failure.getMessage());
    assertEquals("{\"values\": {\"k\": ", Files.readString(corrupt), "a corrupt file must be left as it was");
  }

  private boolean fileMentions(String key) {
    try {
      return Files.exists(file()) && Files.readString(file()).contains(key);
    } catch (IOException e) {
      return false;
    }
  }
}
