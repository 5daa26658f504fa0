package io.edgeroute.shared.config;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one java.util.logging logger logs, and lets a test await a line. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  private record Waiter(Predicate<String> match, Promise<String> promise) {
  }

  LogCapture(Class<?> source) {
    logger = Logger.getLogger(source.getName());
    logger.addHandler(this);
  }

  /** @return a future completed with the first line (already logged or not) containing {@code text} */
  Future<String> await(String text) {
    Promise<String> p = Promise.promise();
    waiters.add(new Waiter(l -> l.contains(text), p));
    lines.stream().filter(l -> l.contains(text)).findFirst().ifPresent(p::tryComplete);
    return p.future();
  }

  List<String> lines(String containing) {
    return lines.stream().filter(l -> l.contains(containing)).toList();
  }

  @Override
  public void publish(LogRecord record) {
    String line = record.getLevel() + " " + record.getMessage();
    lines.add(line);
    waiters.forEach(w -> {
      if (w.match().test(line)) {
        w.promise().tryComplete(line);
      }
    });
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
