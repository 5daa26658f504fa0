package io.edgeroute.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady traffic to one host on one router: {@link #LOOPS} request loops, each sending its next
 * GET as soon as the previous one is answered, counting 200s and everything else (other statuses,
 * refused or reset connections, timeouts) until stopped.
 */
final class Traffic {

  private static final int LOOPS = 4;
  private static final long REQUEST_TIMEOUT_MS = 2_000;

  /** What the traffic met: {@code failed} counts every answer that was not a 200. */
  record Result(long ok, long failed, List<String> firstFailures) {
  }

  private final WebClient client;
  private final int port;
  private final String host;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<String> failures = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final List<Promise<Void>> loopsDone = new ArrayList<>();
  private volatile boolean stopping;

  private record Waiter(long count, Promise<Void> reached) {
  }

  private Traffic(WebClient client, int port, String host) {
    this.client = client;
    this.port = port;
    this.host = host;
  }

  static Traffic start(WebClient client, int port, String host) {
    Traffic traffic = new Traffic(client, port, host);
    for (int i = 0; i < LOOPS; i++) {
      Promise<Void> done = Promise.promise();
      traffic.loopsDone.add(done);
      traffic.next(done);
    }
    return traffic;
  }

  /** @return requests answered so far */
  long sent() {
    return ok.get() + failed.get();
  }

  /** Blocks the calling (test) thread until {@code count} requests have been answered. */
  void awaitRequests(long count) throws Exception {
    Promise<Void> reached = Promise.promise();
    synchronized (this) {
      if (sent() >= count) {
        return;
      }
      waiters.add(new Waiter(count, reached));
    }
    reached.future().await(60, TimeUnit.SECONDS);
  }

  /** Stops sending; the future completes with the totals once every loop's last request is answered. */
  Future<Result> stop() {
    stopping = true;
    return Future.all(loopsDone.stream().map(Promise::future).toList()).map(v -> {
      synchronized (this) {
        return new Result(ok.get(), failed.get(), List.copyOf(failures));
      }
    });
  }

  private void next(Promise<Void> done) {
    if (stopping) {
      done.tryComplete();
      return;
    }
    client.get(port, "127.0.0.1", "/").putHeader("Host", host).timeout(REQUEST_TIMEOUT_MS).send()
        .onComplete(answer -> {
          if (answer.succeeded() && answer.result().statusCode() == 200) {
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
            synchronized (this) {
              if (failures.size() < 5) {
                failures.add(answer.succeeded()
                    ? answer.result().statusCode() + " " + answer.result().bodyAsString()
                    : String.valueOf(answer.cause()));
              }
            }
          }
          release();
          next(done);
        });
  }

  private void release() {
    List<Promise<Void>> reached = new ArrayList<>();
    synchronized (this) {
      long now = sent();
      waiters.removeIf(w -> {
        if (w.count() <= now) {
          reached.add(w.reached());
          return true;
        }
        return false;
      });
    }
    reached.forEach(Promise::tryComplete);
  }
}
