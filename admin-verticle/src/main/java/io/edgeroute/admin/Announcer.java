package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvChange;
import io.edgeroute.shared.kv.KvStore;
import io.vertx.core.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces a write that has already landed in the KV store on the change channel.
 *
 * <p>A failed announcement does not fail the write: the document is stored, and every node sees it
 * within the microcache TTL anyway (SPEC §2: a platform that only writes the key gets exactly
 * that). Answering 503 would invite the client to retry a write that succeeded, and a retry with
 * {@code If-None-Match: *} or its old {@code If-Match} would then get 412. The miss is logged.
 */
final class Announcer {

  private static final Logger LOG = Logger.getLogger(Announcer.class.getName());

  private final KvStore store;

  Announcer(KvStore store) {
    this.store = store;
  }

  /** @return a future completed (always) once {@code change} is published or its failure logged */
  Future<Void> announce(KvChange change) {
    return store.publish(change).recover(e -> {
      LOG.log(Level.WARNING, "written but not announced: " + change.toJson().encode()
          + "; nodes pick it up within the microcache TTL", e);
      return Future.succeededFuture();
    });
  }
}
