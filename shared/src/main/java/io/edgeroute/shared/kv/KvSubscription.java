package io.edgeroute.shared.kv;

import io.vertx.core.Future;

/** A live subscription to the change channel; see {@link KvStore#subscribe}. */
public interface KvSubscription {

  /** Stops delivery and releases the subscriber connection. */
  Future<Void> close();
}
