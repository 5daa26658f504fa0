package io.edgeroute.admin;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs a handler's work and hands every failure, thrown or asynchronous, to the failure handler. */
final class Async {

  private Async() {
  }

  static <T> void respond(RoutingContext ctx, Supplier<Future<T>> work, Consumer<T> success) {
    Future<T> future;
    try {
      future = work.get();
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    future.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      try {
        success.accept(done.result());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }
}
