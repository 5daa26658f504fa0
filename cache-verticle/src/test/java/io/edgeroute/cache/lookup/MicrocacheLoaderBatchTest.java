package io.edgeroute.cache.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.testing.Await;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Background refreshes asked for on an event loop go to the store together, as one
 * {@link KvStore#getAll}, against a real memory store whose reads are recorded (and, where a test
 * needs it, held or failed).
 */
@ExtendWith(VertxExtension.class)
class MicrocacheLoaderBatchTest {

  private static final KvKeys KEYS = KvKeys.defaults();

  private MemoryKvStore memory;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  /** What a {@code getAll} answers: the memory store's answer by default. */
  private Function<Future<List<KvEntry>>, Future<List<KvEntry>>> batches = answer -> answer;
  private MicrocacheLoader loader;
  private Context context;

  @BeforeEach
  void open(Vertx vertx) {
    memory = await(MemoryKvStore.open(vertx, null, KEYS));
    loader = new MicrocacheLoader(recorded(), new Microcache(KEYS, new MicrocacheOptions()));
    context = vertx.getOrCreateContext();
  }

  private static String key(int i) {
    return KEYS.site("h" + i + ".example");
  }

  private void write(int i, String originUrl) {
    await(memory.put(key(i), new JsonObject().put("version", 0)
        .put("origin", new JsonObject().put("url", originUrl)).encode(), KvStore.ANY_VERSION));
  }

  /** Writes and caches hosts 0 to {@code count - 1}, then forgets the reads that took. */
  private void cached(int count) {
    for (int i = 0; i < count; i++) {
      write(i, "http://one.example");
      await(loader.answer(key(i)));
    }
    calls.clear();
  }

  /** Asks for the refreshes on the event loop, as the router's resolver does. */
  private void refreshOnTheEventLoop(List<String> keys) {
    Promise<Void> asked = Promise.promise();
    context.runOnContext(v -> {
      keys.forEach(loader::refresh);
      asked.complete();
    });
    await(asked.future());
  }

  private String origin(int i) {
    Lookup cached = loader.microcache().cached(key(i));
    return assertInstanceOf(Lookup.SiteFound.class, cached.answer()).site().origin().url().toString();
  }

  @Test
  void refreshesAskedWithinTheWindowGoAsOneRead() {
    cached(3);
    for (int i = 0; i < 3; i++) {
      write(i, "http://two.example");
    }
    refreshOnTheEventLoop(List.of(key(0), key(1), key(2)));

    Await.until("the three keys read again", () -> List.of(0, 1, 2).stream().allMatch(i -> origin(i).equals("http://two.example")));
    assertEquals(List.of("getAll " + List.of(key(0), key(1), key(2))), calls);
    assertEquals(4, loader.microcache().counters().redisReads(), "three single reads, then one together");
  }

  @Test
  void notRememberingUnknownHostsLeavesFoundOnesReadTogether() {
    loader = new MicrocacheLoader(recorded(),
        new Microcache(KEYS, new MicrocacheOptions().setNegativeTtl(java.time.Duration.ZERO)));
    cached(2);
    refreshOnTheEventLoop(List.of(key(0), key(1)));
    Await.until("the two keys read again", () -> calls.size() == 1);
    assertEquals(List.of("getAll " + List.of(key(0), key(1))), calls);
  }

  @Test
  void aLookupThatCannotWaitSendsTheWaitingRefreshesAtOnce() {
    cached(2);
    Promise<List<String>> seen = Promise.promise();
    context.runOnContext(v -> {
      loader.refresh(key(0));
      loader.refresh(key(1));
      // Every cached lookup outdated (missed changes): the next lookup of key 0 must read now.
      loader.outdateAll();
      loader.answer(key(0));
      // Still the same event-loop turn: the batch's timer cannot have fired yet.
      seen.complete(List.copyOf(calls));
    });
    assertEquals(List.of("getAll " + List.of(key(0), key(1))), await(seen.future()));
  }

  @Test
  void aBatchWhoseTimerWentWithItsVerticleGoesWithTheNextRefresh(Vertx vertx) {
    cached(2);
    Promise<Long> asked = Promise.promise();
    String deployment = await(vertx.deployVerticle(new AbstractVerticle() {
      @Override
      public void start() {
        loader.refresh(key(0));
        asked.complete(System.currentTimeMillis());
      }
    }));
    long at = await(asked.future());
    // Undeployed, the verticle's timers are cancelled: the batch's among them.
    await(vertx.undeploy(deployment));
    Await.until("the batch's window over", () -> System.currentTimeMillis() - at > MicrocacheLoader.REFRESH_WINDOW_MS);
    assertEquals(List.of(), calls, "nothing sent by the cancelled timer");

    Promise<List<String>> seen = Promise.promise();
    context.runOnContext(v -> {
      loader.refresh(key(1));
      seen.complete(List.copyOf(calls));
    });
    assertEquals(List.of("get " + key(0)), await(seen.future()), "the overdue batch went at once");
    Await.until("the new one sent by its own timer", () -> calls.size() == 2);
    assertEquals("get " + key(1), calls.get(1));
  }

  @Test
  void aChangeWhileTheBatchIsInFlightReadsThatKeyAgainAlone() {
    cached(2);
    Promise<Void> release = Promise.promise();
    batches = answer -> release.future().compose(v -> answer);
    write(0, "http://two.example");
    refreshOnTheEventLoop(List.of(key(0), key(1)));
    Await.until("the batch sent", () -> calls.size() == 1);

    write(0, "http://three.example");
    assertEquals(Microcache.ChangeOutcome.OUTDATED, loader.changed(key(0), 0));
    release.complete();

    Await.until("key 0 read again", () -> origin(0).equals("http://three.example"));
    assertEquals(List.of("getAll " + List.of(key(0), key(1)), "get " + key(0)), calls);
    assertEquals("http://one.example", origin(1));
  }

  @Test
  void aFailedBatchKeepsTheCachedLookupsAndTellsTheCacheRedisFailed() {
    cached(2);
    Lookup before = loader.microcache().cached(key(1));
    batches = answer -> Future.failedFuture(new KvUnavailableException("Redis is down", null));
    refreshOnTheEventLoop(List.of(key(0), key(1)));

    Await.until("the batch failed", () -> loader.microcache().redisUnavailable());
    assertEquals(List.of("getAll " + List.of(key(0), key(1))), calls);
    assertSame(before, loader.microcache().cached(key(1)), "the cached lookup stays for stale-if-error");

    // Nothing of the failed batch is left in flight: the next refresh reads again.
    batches = answer -> answer;
    refreshOnTheEventLoop(List.of(key(0), key(1)));
    Await.until("read again", () -> calls.size() == 2);
  }

  @Test
  void moreKeysThanABatchHoldsGoAsSeveralReads() {
    int count = 2 * MicrocacheLoader.MAX_BATCH + 50;
    cached(count);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(key(i));
    }
    refreshOnTheEventLoop(keys);

    Await.until("every key read again", () -> calls.size() == 3);
    List<Integer> sizes = calls.stream().map(call -> call.split(", ").length).toList();
    assertEquals(List.of(MicrocacheLoader.MAX_BATCH, MicrocacheLoader.MAX_BATCH, 50), sizes);
    assertTrue(calls.stream().allMatch(call -> call.startsWith("getAll ")), calls.toString());
  }

  /** @return the memory store, its reads recorded in order and its batches answered through {@link #batches} */
  @SuppressWarnings("unchecked")
  private KvStore recorded() {
    return InterceptedKvStore.of(memory, (method, args) -> switch (method) {
      case "get" -> {
        calls.add("get " + args[0]);
        yield memory.get((String) args[0]);
      }
      case "getAll" -> {
        calls.add("getAll " + args[0]);
        yield batches.apply(memory.getAll((List<String>) args[0]));
      }
      default -> null;
    });
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
