package io.edgeroute.cache.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvEntry;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvUnavailableException;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routers' resolver calls the node's loader directly, from any event loop: no cache verticle,
 * no event-bus consumer, one store read per key however many loops wait for it, every answer on
 * its caller's event loop, and the lookup timeout still bounds the wait.
 */
@ExtendWith(VertxExtension.class)
class MicrocacheSiteResolverTest {

  private static final KvKeys KEYS = KvKeys.defaults();
  private static final int LOOKUPS = 20;

  @Test
  void coldLookupsFromTwoEventLoopsShareOneStoreReadAndEachAnswerComesBackOnItsOwnLoop(Vertx vertx) {
    MemoryKvStore memory = await(MemoryKvStore.open(vertx, null, KEYS));
    await(memory.put(KEYS.site("cold.example"), new JsonObject().put("version", 1)
        .put("origin", new JsonObject().put("url", "http://origin.example")).encode(), KvStore.ANY_VERSION));
    AtomicInteger reads = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    // Every read waits for the gate, so all lookups are asked while the first read is in flight.
    KvStore store = gated(memory, reads, gate);
    MicrocacheSiteResolver resolver = new MicrocacheSiteResolver(vertx,
        new MicrocacheLoader(store, new Microcache(KEYS, new MicrocacheOptions().setLookupTimeout(Duration.ofSeconds(10)))));
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    assertNotSame(first, second);

    AtomicInteger asked = new AtomicInteger();
    Promise<Void> allAsked = Promise.promise();
    AtomicInteger onTheirOwnLoop = new AtomicInteger();
    List<Future<Site>> answers = new ArrayList<>();
    for (int i = 0; i < LOOKUPS; i++) {
      Context caller = i % 2 == 0 ? first : second;
      Promise<Site> answer = Promise.promise();
      answers.add(answer.future());
      caller.runOnContext(v -> {
        resolver.site("cold.example").onComplete(done -> {
          if (Vertx.currentContext() == caller) {
            onTheirOwnLoop.incrementAndGet();
          }
          answer.handle(done);
        });
        if (asked.incrementAndGet() == LOOKUPS) {
          allAsked.complete();
        }
      });
    }
    await(allAsked.future());
    gate.complete();

    for (Future<Site> answer : answers) {
      assertEquals("http://origin.example", await(answer).origin().url().toString());
    }
    assertEquals(1, reads.get(), "one store read for " + LOOKUPS + " cold lookups");
    assertEquals(LOOKUPS, onTheirOwnLoop.get(), "every answer on its caller's event loop");
    // Warm now: answered from the cache without another read.
    assertEquals(1, await(resolver.site("cold.example")).version());
    assertEquals(1, reads.get());
  }

  @Test
  void aRefreshAskedWhileTheKeyIsBeingReadAddsNoRead(Vertx vertx) {
    MemoryKvStore memory = await(MemoryKvStore.open(vertx, null, KEYS));
    String key = KEYS.site("busy.example");
    await(memory.put(key, new JsonObject().put("version", 1).put("origin", new JsonObject()
        .put("url", "http://origin.example")).encode(), KvStore.ANY_VERSION));
    AtomicInteger reads = new AtomicInteger();
    Promise<Void> gate = Promise.promise();
    MicrocacheLoader loader = new MicrocacheLoader(gated(memory, reads, gate), new Microcache(KEYS, new MicrocacheOptions()));

    Future<Lookup> first = loader.answer(key);
    for (int i = 0; i < 5; i++) {
      loader.refresh(key);
    }
    gate.complete();

    assertEquals(1, await(first).version());
    assertEquals(1, reads.get(), "the read under way answers the refreshes too");
    // A change while a read is under way still reads again: the read may predate the write.
    Promise<Void> second = Promise.promise();
    MicrocacheLoader changing = new MicrocacheLoader(gated(memory, reads, second),
        new Microcache(KEYS, new MicrocacheOptions()));
    Future<Lookup> before = changing.answer(key);
    changing.changed(key, 2);
    second.complete();
    await(before);
    assertEquals(3, reads.get());
  }

  @Test
  void aStoreThatNeverAnswersIsUnavailableAfterTheLookupTimeout(Vertx vertx) {
    MemoryKvStore memory = await(MemoryKvStore.open(vertx, null, KEYS));
    KvStore hanging = withGet(memory, key -> Promise.<KvEntry>promise().future());
    MicrocacheSiteResolver resolver = new MicrocacheSiteResolver(vertx, new MicrocacheLoader(hanging,
        new Microcache(KEYS, new MicrocacheOptions().setLookupTimeout(Duration.ofMillis(200)))));

    Throwable failure = awaitFailure(resolver.site("hanging.example"));

    assertTrue(failure instanceof KvUnavailableException, failure.toString());
  }

  /** @return {@code store} whose reads are counted and answered once {@code gate} opens */
  private static KvStore gated(KvStore store, AtomicInteger reads, Promise<Void> gate) {
    return withGet(store, key -> {
      reads.incrementAndGet();
      return gate.future().compose(v -> store.get(key));
    });
  }

  /** @return {@code store} with its {@code get} replaced */
  private static KvStore withGet(KvStore store, Function<String, Future<KvEntry>> get) {
    return InterceptedKvStore.of(store, (method, args) -> method.equals("get") ? get.apply((String) args[0]) : null);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }

  private static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
    throw new AssertionError("succeeded, though the store never answered");
  }
}
