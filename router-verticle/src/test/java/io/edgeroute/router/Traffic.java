package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * Visitors hammering a router: {@code concurrency} request loops, each sending its next request as
 * soon as the previous answer arrived, until enough were sent or the caller says stop.
 */
final class Traffic {

  /** What the visitors got, by status; transport failures count as status 0. */
  static final class Tally {
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    void add(int status) {
      statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long count(int status) {
      LongAdder n = statuses.get(status);
      return n == null ? 0 : n.sum();
    }

    long total() {
      return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** @return answers that were not 2xx, 3xx or 4xx: server errors and transport failures */
    long failures() {
      return statuses.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 500)
          .mapToLong(e -> e.getValue().sum()).sum();
    }

    @Override
    public String toString() {
      return statuses.toString();
    }
  }

  /** A request unanswered this long counts as a failure (status 0) instead of stalling its loop. */
  static final long REQUEST_TIMEOUT_S = 5;

  private Traffic() {
  }

  /** Sends exactly {@code total} requests, the i-th to host {@code hostOf(i)}. */
  static Future<Tally> requests(RouterHarness router, int total, int concurrency, IntFunction<String> hostOf) {
    AtomicInteger issued = new AtomicInteger();
    return run(router, concurrency, () -> issued.get() < total, () -> issued.getAndIncrement(), hostOf, total);
  }

  /** Sends requests round the hosts until {@code more} turns false. */
  static Future<Tally> until(RouterHarness router, int concurrency, BooleanSupplier more, IntFunction<String> hostOf) {
    AtomicInteger issued = new AtomicInteger();
    return run(router, concurrency, more, issued::getAndIncrement, hostOf, Integer.MAX_VALUE);
  }

  private static Future<Tally> run(RouterHarness router, int concurrency, BooleanSupplier more,
      IntSupplier next, IntFunction<String> hostOf, int limit) {
    Tally tally = new Tally();
    AtomicInteger running = new AtomicInteger(concurrency);
    Promise<Tally> done = Promise.promise();
    for (int w = 0; w < concurrency; w++) {
      loop(router, more, next, hostOf, limit, tally, running, done);
    }
    return done.future();
  }

  private static void loop(RouterHarness router, BooleanSupplier more, IntSupplier next,
      IntFunction<String> hostOf, int limit, Tally tally, AtomicInteger running, Promise<Tally> done) {
    int i = more.getAsBoolean() ? next.getAsInt() : limit;
    if (i >= limit) {
      if (running.decrementAndGet() == 0) {
        done.complete(tally);
      }
      return;
    }
    router.send(HttpMethod.GET, hostOf.apply(i), "/", Map.of(), null, TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_S))
        .onComplete(answer -> {
      tally.add(answer.succeeded() ? answer.result().status() : 0);
      loop(router, more, next, hostOf, limit, tally, running, done);
    });
  }
}
