package io.edgeroute.app;

import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.ShutdownOptions;
import io.edgeroute.shared.health.Readiness;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * The drain on SIGTERM (and SIGINT) of SPEC §8, on a thread of its own:
 * <ol>
 *   <li>readiness answers 503 at once ({@link Readiness#startDraining});</li>
 *   <li>after {@code shutdown.delay} (load balancers notice the 503 meanwhile) Vert.x is closed: the
 *       router verticles unbind their listener, so new connections are refused, close idle
 *       keep-alive connections, let requests in flight finish within {@code shutdown.timeout} and
 *       close WebSocket tunnels with 1001 last;</li>
 *   <li>the process exits 0: a drained node stopped as asked, which is a success.</li>
 * </ol>
 * Handling the signal here, rather than in a JVM shutdown hook, is what allows exit status 0 (a
 * JVM ended by SIGTERM otherwise exits 143) and a drain that is not raced by other hooks.
 */
final class Drain {

  private static final Logger LOG = Logger.getLogger(Drain.class.getName());
  /** Beyond shutdown.timeout: time for the verticles' own stop work (snapshot, KV store) to finish. */
  private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ShutdownOptions options;

  private Drain(Vertx vertx, ShutdownOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Handles SIGTERM and SIGINT for {@code vertx}, following live changes of the {@code shutdown} block. */
  static void install(Vertx vertx, ShutdownOptions initial) {
    Drain drain = new Drain(vertx, initial);
    ConfigChanges.subscribe(vertx, snapshot -> drain.options = snapshot.getShutdown());
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> drain.start("SIG" + name));
    }
  }

  private void start(String signal) {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(() -> run(signal), "edgeroute-drain");
    thread.start();
  }

  private void run(String signal) {
    ShutdownOptions o = options;
    long began = System.nanoTime();
    LOG.info(signal + ": draining (readiness 503 now, listeners close in " + o.getDelay().toMillis()
        + " ms, requests in flight get " + o.getTimeout().toSeconds() + " s)");
    Readiness.startDraining(vertx);
    int status = 1;
    try {
      TimeUnit.MILLISECONDS.sleep(o.getDelay().toMillis());
      vertx.close().await(o.getTimeout().plus(STOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Edgeroute stopped after draining for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)
          + " ms");
      status = 0;
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "drain did not complete: " + e);
    } finally {
      // Whatever went wrong, an Error included (a jar replaced under the running node cannot load
      // the classes the close needs), the process ends: a node asked to stop never lingers.
      System.exit(status);
    }
  }
}
