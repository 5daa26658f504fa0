package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.metrics.Metrics;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
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
    });
    return vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()))
        .requestHandler(handler)
        .listen()
        .onSuccess(server -> {
          // Several instances share one listener; only the first says so.
          if (BoundPorts.record(vertx, BoundPorts.ROUTER, server.actualPort())) {
            LOG.info("router listening on " + options.getHost() + ":" + server.actualPort());
          }
        });
  }

  @Override
  public Future<?> stop() {
    BoundPorts.forget(vertx, BoundPorts.ROUTER);
    return client == null ? Future.succeededFuture() : client.close();
  }
}
