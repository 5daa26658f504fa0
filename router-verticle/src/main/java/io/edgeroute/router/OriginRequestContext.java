package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * Opens origin requests from a context of the calling event loop that belongs to no deployment.
 * Vert.x 5.0 builds a fresh context for every pooled-connection request from the caller's, and a
 * context of a deployment copies the deployment's options, the router's whole configuration JSON
 * included, each time (seen in the profile as {@code JsonObject.copy} under
 * {@code SharedHttpClientConnectionGroup.requestConnection2}). The request still runs on the same
 * event loop thread as the visitor's connection, so nothing else changes.
 */
final class OriginRequestContext {

  /** One deployment-less context per event loop thread (event loop threads belong to one Vertx). */
  private static final ThreadLocal<ContextInternal> PLAIN = new ThreadLocal<>();

  private OriginRequestContext() {
  }

  /** @return what {@code open} returns, called with this event loop's deployment-less context as current */
  static <T> Future<T> call(Supplier<Future<T>> open) {
    ContextInternal caller = ContextInternal.current();
    if (caller == null || caller.deployment() == null || caller.threadingModel() != ThreadingModel.EVENT_LOOP
        || !caller.isRunningOnContext()) {
      return open.get();
    }
    ContextInternal plain = PLAIN.get();
    if (plain == null || plain.owner() != caller.owner() || plain.nettyEventLoop() != caller.nettyEventLoop()) {
      plain = caller.owner().contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP)
          .withEventLoop(caller.nettyEventLoop()).withClassLoader(caller.classLoader()).build();
      PLAIN.set(plain);
    }
    ContextInternal previous = plain.beginDispatch();
    try {
      return open.get();
    } finally {
      plain.endDispatch(previous);
    }
  }
}
