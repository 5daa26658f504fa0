package io.edgeroute.cache.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.config.MicrocacheOptions;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.Site;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading a key again, as every key in use is once per TTL: an unchanged document keeps its decoded
 * answer, a changed one is decoded anew, against a real memory store.
 */
@ExtendWith(VertxExtension.class)
class MicrocacheLoaderTest {

  private static final KvKeys KEYS = KvKeys.defaults();
  private static final String KEY = KEYS.site("reread.example");

  private MemoryKvStore store;
  private MicrocacheLoader loader;

  @BeforeEach
  void open(Vertx vertx) {
    store = await(MemoryKvStore.open(vertx, null, KEYS));
    loader = new MicrocacheLoader(store, new Microcache(KEYS, new MicrocacheOptions()));
  }

  private void write(String originUrl) {
    await(store.put(KEY, new JsonObject().put("version", 0).put("origin", new JsonObject().put("url", originUrl))
        .encode(), KvStore.ANY_VERSION));
  }

  /** A change of version 0 always outdates the entry and reads it again; the next lookup joins that read. */
  private Lookup readAgain() {
    assertEquals(Microcache.ChangeOutcome.OUTDATED, loader.changed(KEY, 0));
    return await(loader.answer(KEY));
  }

  private static Site site(Lookup lookup) {
    return assertInstanceOf(Lookup.SiteFound.class, lookup.answer()).site();
  }

  @Test
  void aDocumentReadAgainUnchangedKeepsItsDecodedSiteWithTheNewReadTime() {
    write("http://one.example");
    Lookup first = await(loader.answer(KEY));
    Lookup again = readAgain();
    assertNotSame(first, again);
    assertSame(site(first), site(again), "the same document is not decoded again");
    assertFalse(again.outdated());
    assertTrue(again.fetchedAt() >= first.fetchedAt());
    assertEquals(first.raw(), again.raw());
    assertSame(again, loader.microcache().cached(KEY));
  }

  @Test
  void aDocumentReadAgainChangedIsDecodedAnew() {
    write("http://one.example");
    Lookup first = await(loader.answer(KEY));
    write("http://two.example");
    Lookup again = readAgain();
    assertNotSame(site(first), site(again));
    assertEquals("http://two.example", site(again).origin().url().toString());
  }

  @Test
  void aKeyThatWentAwayIsAbsentAndOneThatCameBackIsDecoded() {
    write("http://one.example");
    await(loader.answer(KEY));
    await(store.delete(KEY, KvStore.ANY_VERSION));
    assertInstanceOf(Lookup.Absent.class, readAgain().answer());
    write("http://three.example");
    assertEquals("http://three.example", site(readAgain()).origin().url().toString());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
