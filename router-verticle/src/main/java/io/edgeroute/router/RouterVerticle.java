package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.config.ShutdownOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.metrics.Metrics;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The public HTTP front. Its config is the configuration snapshot JSON; live keys arrive on
 * {@code CONFIG_CHANGED}. Each instance reads routing data through its {@link SiteResolver} and
 * talks to origins through its own {@link OriginClient}.
 */
public class RouterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RouterVerticle.class.getName());

  private final SiteResolver resolver;
  private final ResponseCache cache;
  private final Readiness readiness;
  private OriginClient client;
  private HttpServer server;
  private volatile ShutdownOptions shutdown;

  /** @param resolver where this instance reads sites and table entries */
  public RouterVerticle(SiteResolver resolver) {
    this(resolver, null);
  }

  /**
   * @param resolver where this instance reads sites and table entries
   * @param cache    the node's response cache, shared by every instance, or {@code null} for none
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache) {
    this(resolver, cache, null);
  }

  /**
   * @param resolver  where this instance reads sites and table entries
   * @param cache     the node's response cache, shared by every instance, or {@code null} for none
   * @param readiness the node's readiness, answered on {@code router.healthPath}; {@code null}: none
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache, Readiness readiness) {
    this.resolver = resolver;
    this.cache = cache;
    this.readiness = readiness;
  }

  @Override
  public Future<?> start() {
    EdgerouteOptions config = new EdgerouteOptions(config());
    RouterOptions options = config.getRouter();
    client = new OriginClient(vertx, options);
    shutdown = config.getShutdown();
    GoingAway.drainTimeout(shutdown.getTimeout().toMillis());
    RouterRequestHandler handler = new RouterRequestHandler(resolver, client, options, cache);
    AccessLog accessLog = AccessLog.to(config.getLog().getAccessFile());
    RequestObserver observer = new RequestObserver(
        new RouterMeters(Metrics.registry(), config.getMetrics().isPerHost(), accessLog), accessLog,
        config.getLog().isAccess());
    handler.observe(observer);
    handler.answerReadiness(readiness);
    // Handlers run on this instance's event loop, so the swap needs no synchronisation.
    ConfigChanges.subscribe(vertx, snapshot -> {
      handler.update(snapshot.getRouter());
      observer.setAccess(snapshot.getLog().isAccess());
      shutdown = snapshot.getShutdown();
      GoingAway.drainTimeout(shutdown.getTimeout().toMillis());
    });
    return vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()))
        .requestHandler(handler)
        .listen()
        .onSuccess(server -> {
          this.server = server;
          // Several instances share one listener; only the first says so.
          if (BoundPorts.record(vertx, BoundPorts.ROUTER, server.actualPort())) {
            LOG.info("router listening on " + options.getHost() + ":" + server.actualPort());
          }
        });
  }

  @Override
  public Future<?> stop() {
    BoundPorts.forget(vertx, BoundPorts.ROUTER);
    Future<Void> drained = Future.succeededFuture();
    if (server != null && Readiness.isDraining(vertx)) {
      // SPEC §8 drain: the listener is unbound at once (new connections refused), idle keep-alive
      // connections are closed, requests in flight finish and their connections close after them;
      // whatever is still open at shutdown.timeout is closed. WebSocket tunnels: GoingAway.
      long timeout = shutdown.getTimeout().toMillis();
      drained = server.shutdown(timeout, TimeUnit.MILLISECONDS);
    }
    return drained.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }
}
