package io.edgeroute.router;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The stories over the embedded memory store. */
class MemoryStoriesTest extends StoriesTestBase {

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return MemoryKvStore.open(vertx, null, RouterHarness.KEYS).map(store -> store);
  }
}
