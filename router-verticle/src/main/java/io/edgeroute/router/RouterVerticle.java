package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.router.gate.GateClocks;
import io.edgeroute.router.gate.Refusals;
import io.edgeroute.router.gate.VisitorConnections;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.RouterOptions;
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
  private OriginClient client;
  /** The live router options, for the visitor gate's clocks and connection bound. */
  private RouterOptions live;

  /** @param resolver where this instance reads sites and table entries */
  public RouterVerticle(SiteResolver resolver) {
    this(resolver, null);
  }

  /**
   * @param resolver where this instance reads sites and table entries
   * @param cache    the node's response cache, shared by every instance, or {@code null} for none
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache) {
    this.resolver = resolver;
    this.cache = cache;
  }

  @Override
  public Future<?> start() {
    RouterOptions options = new EdgerouteOptions(config()).getRouter();
    client = new OriginClient(vertx, options);
    RouterRequestHandler handler = new RouterRequestHandler(resolver, client, options, cache);
    live = options;
    // Handlers run on this instance's event loop, so the swap needs no synchronisation.
    ConfigChanges.subscribe(vertx, snapshot -> {
      live = snapshot.getRouter();
      handler.update(live);
    });
    VisitorConnections connections = VisitorConnections.of(vertx);
    // No h2c upgrade: its detector hands the first bytes to the HTTP/1 decoder before the
    // connection handler has put the visitor gate in front of it.
    return vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
            .setHttp2ClearTextEnabled(false))
        .connectionHandler(connection -> connections.accept(connection, () -> live.getMaxConnections(),
            () -> new GateClocks.Settings(live.getHeaderTimeout().toMillis(), live.getIdleTimeout().toMillis())))
        .invalidRequestHandler(Refusals::answer)
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
