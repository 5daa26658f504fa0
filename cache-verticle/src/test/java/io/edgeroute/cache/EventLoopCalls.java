package io.edgeroute.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** How the invalidation tests drive the protocol: on an event loop, as the cache verticle does, awaited from the test thread. */
final class EventLoopCalls {

  private EventLoopCalls() {
  }

  /** Runs {@code action} on {@code context} and completes with what it completes with. */
  static <T> Future<T> on(Context context, Supplier<Future<T>> action) {
    return Future.<Future<T>>future(p -> context.runOnContext(v -> p.complete(action.get()))).compose(f -> f);
  }

  /** @return what {@code future} completed with, waited for at most 10 s from the test thread */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }
}
