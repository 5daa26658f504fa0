package io.edgeroute.app;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.testing.KvBackends;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class MemoryAdminToOriginTest extends AdminToOriginContractTest {

  @Override
  protected Future<KvStore> openStore(Vertx vertx) {
    return KvBackends.MEMORY.open(vertx, KEYS);
  }
}
