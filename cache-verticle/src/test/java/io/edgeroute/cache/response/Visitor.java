package io.edgeroute.cache.response;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plays the router: serves a request through the cache and reads the whole answer. */
final class Visitor {

  /** What the visitor received. */
  record Answer(int status, MultiMap headers, Buffer body) {
    String text() {
      return body.toString();
    }

    String cacheStatus() {
      return headers.get(CacheStatus.HEADER);
    }
  }

  private final Context context;
  private final ResponseCache cache;
  private final OriginFetch origin;

  /**
   * @param context where requests are served, as a router's event loop serves them: the origin
   *                response is then paused in the same turn its header section arrives
   */
  Visitor(Context context, ResponseCache cache, OriginFetch origin) {
    this.context = context;
    this.cache = cache;
    this.origin = origin;
  }

  Future<Answer> send(CacheRequest request) {
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(v -> cache.serve(request, origin).compose(Visitor::read).onComplete(answer));
    return answer.future();
  }

  /** Sends and waits (on the test thread, never an event loop). */
  Answer get(String pathAndQuery, String... headers) {
    return await(send(Requests.get(pathAndQuery, headers)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 20 s", e);
    }
  }

  static Future<Answer> read(ServedResponse served) {
    if (!served.isStreaming()) {
      return Future.succeededFuture(new Answer(served.status(), served.headersToSend(), served.body()));
    }
    Promise<Answer> answer = Promise.promise();
    Buffer body = Buffer.buffer();
    served.stream().exceptionHandler(answer::tryFail);
    served.stream().handler(body::appendBuffer);
    served.stream().endHandler(v -> answer.tryComplete(new Answer(served.status(), served.headersToSend(), body)));
    served.stream().resume();
    return answer.future();
  }
}
