package io.edgeroute.shared.kv;

import io.edgeroute.shared.model.PurgeSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every {@link KvStore} must do, run against each implementation on a real backend. Tests
 * run on the JUnit thread and await the store's futures with a bound, so a hung store fails the
 * test instead of hanging the build.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
public abstract class KvStoreContractTest {

  protected static final KvKeys KEYS = new KvKeys("test:");
  protected static final Duration AWAIT = Duration.ofSeconds(10);

  protected KvStore store;

  /** @return a store over an empty backend (each test starts from nothing) */
  protected abstract Future<? extends KvStore> openStore(Vertx vertx);

  /** Takes the backend away: connections drop, new ones are refused. Blocks until done. */
  protected abstract void stopBackend();

  /** Brings the backend back at the same address. Blocks until it serves again. */
  protected abstract void startBackend();

  @BeforeEach
  void openStoreUnderTest(Vertx vertx) {
    store = await(openStore(vertx));
  }

  @AfterEach
  void closeStoreUnderTest() {
    await(store.close());
  }

  @Test
  void getOfAbsentKeyAnswersNull() {
    assertNull(await(store.get("test:site:absent.example")));
  }

  @Test
  void putThenGetReturnsValueAndItsVersion() {
    String value = "{\"host\":\"a.example\",\"version\":3}";
    await(store.put("test:site:a.example", value, KvStore.ABSENT));
    assertEquals(new KvEntry("test:site:a.example", value, 3), await(store.get("test:site:a.example")));
  }

  @Test
  void valueWithoutVersionHasVersionZero() {
    await(store.put("test:tenant:t", "{\"name\":\"t\"}", KvStore.ABSENT));
    await(store.put("test:raw", "not json", KvStore.ANY_VERSION));
    assertEquals(0, await(store.get("test:tenant:t")).version());
    assertEquals(0, await(store.get("test:raw")).version());
  }

  @Test
  void putAbsentOnExistingKeyConflictsWithStoredVersion() {
    await(store.put("test:site:b.example", "{\"version\":4}", KvStore.ABSENT));
    KvConflictException conflict = conflict(store.put("test:site:b.example", "{\"version\":1}", KvStore.ABSENT));
    assertEquals(4, conflict.currentVersion());
    assertEquals("test:site:b.example", conflict.key());
    assertEquals(4, await(store.get("test:site:b.example")).version());
  }

  @Test
  void putWithStaleVersionConflictsAndKeepsStoredValue() {
    await(store.put("test:site:c.example", "{\"version\":2}", KvStore.ABSENT));
    assertEquals(2, conflict(store.put("test:site:c.example", "{\"version\":2}", 1)).currentVersion());
    assertEquals(0, conflict(store.put("test:site:absent.example", "{\"version\":2}", 1)).currentVersion());
    assertEquals("{\"version\":2}", await(store.get("test:site:c.example")).value());
  }

  @Test
  void putWithCurrentVersionReplaces() {
    await(store.put("test:site:d.example", "{\"version\":1}", KvStore.ABSENT));
    await(store.put("test:site:d.example", "{\"version\":2,\"x\":true}", 1));
    assertEquals(new KvEntry("test:site:d.example", "{\"version\":2,\"x\":true}", 2), await(store.get("test:site:d.example")));
  }

  @Test
  void anyVersionWritesWhateverIsStored() {
    await(store.put("test:site:e.example", "{\"version\":7}", KvStore.ANY_VERSION));
    await(store.put("test:site:e.example", "{\"version\":1}", KvStore.ANY_VERSION));
    assertEquals(1, await(store.get("test:site:e.example")).version());
  }

  @Test
  void deleteChecksVersionAndReportsAbsentKeys() {
    await(store.put("test:site:f.example", "{\"version\":5}", KvStore.ABSENT));
    assertEquals(5, conflict(store.delete("test:site:f.example", 4)).currentVersion());
    assertTrue(await(store.delete("test:site:f.example", 5)));
    assertNull(await(store.get("test:site:f.example")));
    assertFalse(await(store.delete("test:site:f.example", KvStore.ANY_VERSION)));
    assertFalse(await(store.delete("test:site:f.example", 5)));
    await(store.put("test:site:g.example", "{\"version\":9}", KvStore.ABSENT));
    assertTrue(await(store.delete("test:site:g.example", KvStore.ANY_VERSION)));
  }

  @Test
  void documentWithoutVersionIsPresentForCas() {
    await(store.put("test:tenant:u", "{\"name\":\"u\"}", KvStore.ABSENT));
    assertEquals(0, conflict(store.put("test:tenant:u", "{}", KvStore.ABSENT)).currentVersion());
    assertInstanceOf(IllegalArgumentException.class, failure(store.put("test:tenant:u", "{}", -2)));
    assertTrue(await(store.delete("test:tenant:u", KvStore.ANY_VERSION)));
  }

  @Test
  void getAllAnswersEveryKeyInTheOrderAskedWithNullForAbsentOnes() {
    await(store.put("test:site:a.example", "{\"host\":\"a.example\",\"version\":1}", KvStore.ABSENT));
    await(store.put("test:site:c.example", "{\"host\":\"c.example\",\"version\":7}", KvStore.ABSENT));
    List<KvEntry> entries = await(store.getAll(List.of("test:site:c.example", "test:site:b.example",
        "test:site:a.example", "test:site:c.example")));
    assertEquals(Arrays.asList(
        new KvEntry("test:site:c.example", "{\"host\":\"c.example\",\"version\":7}", 7), null,
        new KvEntry("test:site:a.example", "{\"host\":\"a.example\",\"version\":1}", 1),
        new KvEntry("test:site:c.example", "{\"host\":\"c.example\",\"version\":7}", 7)), entries);
    assertEquals(List.of(), await(store.getAll(List.of())));
    assertEquals(Arrays.asList((KvEntry) null), await(store.getAll(List.of("test:site:absent.example"))));
  }

  @Test
  void getAllOfKeysOnManySlotsKeepsEachValueWithItsKey() {
    // On a cluster these keys land on every master: each value must come back in its key's place.
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String key = "test:site:h" + i + ".example";
      keys.add(key);
      if (i % 3 != 0) {
        await(store.put(key, "{\"host\":\"h" + i + ".example\",\"version\":" + (i + 1) + "}", KvStore.ABSENT));
      }
    }
    List<KvEntry> entries = await(store.getAll(keys));
    assertEquals(keys.size(), entries.size());
    for (int i = 0; i < keys.size(); i++) {
      if (i % 3 == 0) {
        assertNull(entries.get(i), keys.get(i));
      } else {
        assertEquals(keys.get(i), entries.get(i).key());
        assertEquals(i + 1, entries.get(i).version(), keys.get(i));
      }
    }
  }

  @Test
  void casWorksOnKeysOfManySlots() {
    // On a cluster these keys land on every master; each CAS must run where its key lives.
    for (int i = 0; i < 30; i++) {
      String key = "test:entry:t:" + i;
      await(store.put(key, "{\"version\":1}", KvStore.ABSENT));
      await(store.put(key, "{\"version\":2}", 1));
      assertEquals(2, conflict(store.put(key, "{\"version\":3}", 1)).currentVersion());
    }
  }

  @Test
  void scanPagesThroughEveryKeyOnceAndNothingElse() {
    int total = 2_000;
    // In rounds of 16 concurrent writes: a client's connection pool queues only so many waiters.
    for (int round = 0; round < total; round += 16) {
      List<Future<Void>> writes = new ArrayList<>();
      for (int i = round; i < Math.min(total, round + 16); i++) {
        writes.add(store.put("test:scan:" + i, "{\"version\":1}", KvStore.ANY_VERSION));
      }
      await(Future.all(writes));
    }
    await(store.put("test:scanner:1", "{}", KvStore.ANY_VERSION));
    await(store.put("test:other:1", "{}", KvStore.ANY_VERSION));

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      KvPage page = await(store.scan("test:scan:", cursor, 100));
      for (String key : page.keys()) {
        assertTrue(key.startsWith("test:scan:"), "foreign key " + key);
        assertTrue(seen.add(key), "seen twice: " + key);
      }
      cursor = page.next();
      pages++;
    } while (cursor != null);
    assertEquals(total, seen.size());
    assertTrue(pages >= total / 100 / 2, "expected many pages, got " + pages);
  }

  @Test
  void scanTreatsGlobCharactersInThePrefixLiterally() {
    await(store.put("test:a*b:1", "{}", KvStore.ANY_VERSION));
    await(store.put("test:axb:1", "{}", KvStore.ANY_VERSION));
    await(store.put("test:a?b[1]:1", "{}", KvStore.ANY_VERSION));
    assertEquals(Set.of("test:a*b:1"), scanAll("test:a*b:"));
    assertEquals(Set.of("test:a?b[1]:1"), scanAll("test:a?b[1]:"));
  }

  @Test
  void setsAddRemoveAndListSortedMembers() {
    String key = KEYS.tenantSites("t1");
    assertEquals(List.of(), await(store.members(key)));
    await(store.addToSet(key, "b.example"));
    await(store.addToSet(key, "a.example"));
    await(store.addToSet(key, "a.example"));
    assertEquals(List.of("a.example", "b.example"), await(store.members(key)));
    await(store.removeFromSet(key, "a.example"));
    await(store.removeFromSet(key, "never.example"));
    assertEquals(List.of("b.example"), await(store.members(key)));
    await(store.removeFromSet(key, "b.example"));
    assertEquals(List.of(), await(store.members(key)));
  }

  @Test
  void publishedChangesReachSubscribersOnTheirContext(Vertx vertx) throws InterruptedException {
    Context context = vertx.getOrCreateContext();
    BlockingQueue<Object> received = subscribeOn(context);
    KvChange site = KvChange.site("a.example", 3);
    KvChange purge = KvChange.purge("a.example", 4,
        new PurgeSpec(List.of("/x"), List.of("/blog/*"), List.of("tag-1"), false));
    await(store.publish(site));
    await(store.publish(purge));
    // Both arrive, in either order: Redis Cluster passes a PUBLISH over its bus from whichever node
    // took it, so two publishes may overtake each other (invalidation never relies on the order:
    // each message is a hint and the key is read again).
    Set<Object> got = new HashSet<>();
    got.add(received.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    got.add(received.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertEquals(Set.of(site, purge), got);
  }

  @Test
  void closedSubscriptionReceivesNothingMore(Vertx vertx) throws InterruptedException {
    BlockingQueue<KvChange> closedOne = new LinkedBlockingQueue<>();
    KvSubscription subscription = await(store.subscribe(closedOne::add));
    await(subscription.close());
    BlockingQueue<Object> live = subscribeOn(vertx.getOrCreateContext());
    await(store.publish(KvChange.entry("t", "1", 1)));
    // The live subscriber's copy arriving bounds the wait for the closed one's.
    assertEquals(KvChange.entry("t", "1", 1), live.poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(closedOne.isEmpty(), "closed subscription got " + closedOne);
  }

  /**
   * The backend goes away and comes back: calls fail as unavailable meanwhile, and the
   * subscription comes back by itself. Publishing repeatedly until one arrives is the wait: the
   * re-subscription happens at some point after the restart, and messages published before it
   * are lost, as with any Redis pub/sub.
   */
  @Test
  void subscriptionSurvivesBackendRestart(Vertx vertx) throws InterruptedException {
    BlockingQueue<Object> received = subscribeOn(vertx.getOrCreateContext());
    stopBackend();
    try {
      assertInstanceOf(KvUnavailableException.class, failure(store.get("test:site:a.example")));
      assertInstanceOf(KvUnavailableException.class,
          failure(store.getAll(List.of("test:site:a.example", "test:site:b.example"))));
    } finally {
      startBackend();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (long version = 1; System.nanoTime() < deadline; version++) {
      KvChange change = KvChange.site("back.example", version);
      store.publish(change);
      Object got = received.poll(200, TimeUnit.MILLISECONDS);
      if (got != null) {
        assertInstanceOf(KvChange.class, got, String.valueOf(got));
        assertEquals("back.example", ((KvChange) got).key());
        return;
      }
    }
    fail("no change delivered within 20 s of the backend restart");
  }

  /**
   * Subscribes from {@code context}; the queue receives each change, or a failure message when a
   * change arrives on any other context.
   */
  protected BlockingQueue<Object> subscribeOn(Context context) {
    BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    Promise<KvSubscription> subscribed = Promise.promise();
    context.runOnContext(v -> store.subscribe(change -> {
      received.add(Vertx.currentContext() == context ? change : "delivered on the wrong context: " + change);
    }).onComplete(subscribed));
    assertNotNull(await(subscribed.future()));
    return received;
  }

  protected Set<String> scanAll(String prefix) {
    Set<String> keys = new HashSet<>();
    String cursor = null;
    do {
      KvPage page = await(store.scan(prefix, cursor, 100));
      keys.addAll(page.keys());
      cursor = page.next();
    } while (cursor != null);
    return keys;
  }

  protected static <T> T await(Future<T> future) {
    try {
      return future.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within " + AWAIT, e);
    }
  }

  protected static Throwable failure(Future<?> future) {
    try {
      future.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within " + AWAIT, e);
    } catch (Throwable expected) {
      return expected;
    }
    throw new AssertionError("expected a failure, got " + future.result());
  }

  protected static KvConflictException conflict(Future<?> future) {
    return assertInstanceOf(KvConflictException.class, failure(future));
  }
}
