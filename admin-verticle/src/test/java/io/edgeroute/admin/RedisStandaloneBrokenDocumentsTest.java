package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.testing.KvBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class RedisStandaloneBrokenDocumentsTest extends BrokenDocumentsContractTest {

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return KvBackends.REDIS_STANDALONE.open(vertx, KEYS);
  }
}
