package io.edgeroute.shared.kv;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-process change channel of the {@link MemoryKvStore}: every published change goes to every live
 * subscriber, each on the context it subscribed from (verticles on other event loops share the
 * store, and their handlers must keep running on their own loop).
 */
final class LocalSubscribers {

  /** Compared by identity: one handler may be subscribed twice and closed once. */
  private static final class Subscriber {
    final Context context;
    final Handler<KvChange> handler;

    Subscriber(Context context, Handler<KvChange> handler) {
      this.context = context;
      this.handler = handler;
    }
  }

  private final Vertx vertx;
  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

  LocalSubscribers(Vertx vertx) {
    this.vertx = vertx;
  }

  KvSubscription subscribe(Handler<KvChange> handler) {
    // getOrCreateContext returns the caller's context when there is one.
    Subscriber subscriber = new Subscriber(vertx.getOrCreateContext(), handler);
    subscribers.add(subscriber);
    return () -> {
      subscribers.remove(subscriber);
      return Future.succeededFuture();
    };
  }

  void publish(KvChange change) {
    for (Subscriber s : subscribers) {
      s.context.runOnContext(v -> {
        // A subscription closed after publish() but before delivery must stay silent.
        if (subscribers.contains(s)) {
          s.handler.handle(change);
        }
      });
    }
  }

  void clear() {
    subscribers.clear();
  }
}
