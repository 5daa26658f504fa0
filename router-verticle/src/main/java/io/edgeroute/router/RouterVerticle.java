package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.router.acme.AcmeChallenges;
import io.edgeroute.router.gate.GateClocks;
import io.edgeroute.router.gate.Http2Requests;
import io.edgeroute.router.gate.Refusal;
import io.edgeroute.router.gate.Refusals;
import io.edgeroute.router.gate.VisitorConnections;
import io.edgeroute.router.tls.HttpsServerOptions;
import io.edgeroute.router.tls.NodeTls;
import io.edgeroute.router.tls.SniKeyCertOptions;
import io.edgeroute.router.tls.TlsMeters;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.config.ShutdownOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.metrics.Metrics;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The public HTTP front. It starts from the node's typed configuration snapshot
 * ({@link #configuredBy}), else from its deployment config as snapshot JSON; live keys arrive typed
 * on {@code CONFIG_CHANGED}. Each instance reads routing data through its {@link SiteResolver} and
 * talks to origins through its own {@link OriginClient}.
 */
public class RouterVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(RouterVerticle.class.getName());

  private final SiteResolver resolver;
  private final ResponseCache cache;
  private final NodeTls tls;
  private final Readiness readiness;
  private OriginClient client;
  /** The live router options, for the visitor gate's clocks and connection bound. */
  private RouterOptions live;
  private VisitorConnections connections;
  private HttpServer server;
  private HttpServer httpsServer;
  private volatile ShutdownOptions shutdown;
  /** The node's current snapshot, or {@code null}: read the deployment config. */
  private Supplier<EdgerouteOptions> snapshot;

  /** @param resolver where this instance reads sites and table entries */
  public RouterVerticle(SiteResolver resolver) {
    this(resolver, null);
  }

  /**
   * @param resolver where this instance reads sites and table entries
   * @param cache    the node's response cache, shared by every instance, or {@code null} for none
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache) {
    this(resolver, cache, null, null);
  }

  /**
   * @param tls the node's certificates for the HTTPS listener ({@code router.https.port}) and ACME
   *     challenge answers, or {@code null} for no HTTPS
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache, NodeTls tls) {
    this(resolver, cache, tls, null);
  }

  /**
   * @param tls       the node's certificates for the HTTPS listener and ACME challenge answers, or
   *     {@code null} for no HTTPS
   * @param readiness the node's readiness, answered on {@code router.healthPath}; {@code null}: none
   */
  public RouterVerticle(SiteResolver resolver, ResponseCache cache, NodeTls tls, Readiness readiness) {
    this.resolver = resolver;
    this.cache = cache;
    this.tls = tls;
    this.readiness = readiness;
  }

  /**
   * Starts this instance from {@code snapshot} (the configuration watcher's current one) instead of
   * parsing its deployment config, which is then best left empty: vert.x copies a deployment's
   * config into every context it builds, and its HTTP client builds one per pooled origin request,
   * so a whole configuration there is copied on every proxied request.
   *
   * @return this verticle
   */
  public RouterVerticle configuredBy(Supplier<EdgerouteOptions> snapshot) {
    this.snapshot = snapshot;
    return this;
  }

  @Override
  public Future<?> start() {
    EdgerouteOptions config = snapshot != null ? snapshot.get() : new EdgerouteOptions(config());
    RouterOptions options = config.getRouter();
    client = new OriginClient(vertx, options);
    client.guard().allowPrivateOrigins(config.getAdmin().isAllowPrivateOrigins());
    shutdown = config.getShutdown();
    GoingAway.drainTimeout(shutdown.getTimeout().toMillis());
    RouterRequestHandler handler = new RouterRequestHandler(resolver, client, options, cache);
    AccessLog accessLog = AccessLog.to(config.getLog().getAccessFile());
    connections = VisitorConnections.of(vertx);
    RequestObserver observer = new RequestObserver(
        new RouterMeters(Metrics.registry(), config.getMetrics().isPerHost(), accessLog, connections), accessLog,
        config.getLog().isAccess());
    handler.observe(observer);
    handler.answerReadiness(readiness);
    live = options;
    // Handlers run on this instance's event loop, so the swap needs no synchronisation.
    ConfigChanges.subscribe(vertx, snapshot -> {
      live = snapshot.getRouter();
      handler.update(live);
      client.guard().allowPrivateOrigins(snapshot.getAdmin().isAllowPrivateOrigins());
      observer.setAccess(snapshot.getLog().isAccess());
      shutdown = snapshot.getShutdown();
      GoingAway.drainTimeout(shutdown.getTimeout().toMillis());
    });
    return vertx.createHttpServer(ListenerOptions.http(options))
        .connectionHandler(this::gate)
        .invalidRequestHandler(Refusals::answer)
        .requestHandler(request -> {
          // HTTP-01 answers come from the KV, whichever node placed the order (SPEC §9).
          if (tls != null && AcmeChallenges.isChallenge(request)) {
            tls.challenges().answer(request);
          } else {
            handler.handle(request, false);
          }
        })
        .listen()
        .onSuccess(server -> {
          this.server = server;
          // Several instances share one listener; only the first says so.
          if (BoundPorts.record(vertx, BoundPorts.ROUTER, server.actualPort())) {
            LOG.info("router listening on " + options.getHost() + ":" + server.actualPort());
          }
        })
        .compose(plain -> listenHttps(options, handler));
  }

  private Future<?> listenHttps(RouterOptions options, RouterRequestHandler handler) {
    if (tls == null || options.getHttps().getPort() == 0) {
      return Future.succeededFuture();
    }
    TlsMeters meters = new TlsMeters(Metrics.registry(), tls.certificates());
    return vertx.createHttpServer(HttpsServerOptions.of(options, new SniKeyCertOptions(tls.certificates(), meters)))
        // HTTP/1.1 over TLS passes the same gate as plain HTTP; HTTP/2 streams are checked one by one.
        .connectionHandler(connection -> {
          meters.handshake(connection);
          gate(connection);
        })
        .invalidRequestHandler(Refusals::answer)
        .requestHandler(request -> {
          Refusal refusal = request.version() == HttpVersion.HTTP_2 ? Http2Requests.check(request) : null;
          if (refusal != null) {
            Http2Requests.answer(request, refusal);
          } else {
            handler.handle(request, true);
          }
        })
        .listen()
        .onSuccess(server -> {
          this.httpsServer = server;
          if (BoundPorts.record(vertx, BoundPorts.ROUTER_HTTPS, server.actualPort())) {
            LOG.info("router listening for HTTPS on " + options.getHost() + ":" + server.actualPort());
          }
        });
  }

  /** Counts a visitor connection against the bound and puts the gate in front of its HTTP/1 decoder. */
  private void gate(HttpConnection connection) {
    connections.accept(connection, () -> live.getMaxConnections(),
        () -> new GateClocks.Settings(live.getHeaderTimeout().toMillis(), live.getIdleTimeout().toMillis()));
  }

  @Override
  public Future<?> stop() {
    BoundPorts.forget(vertx, BoundPorts.ROUTER);
    BoundPorts.forget(vertx, BoundPorts.ROUTER_HTTPS);
    Future<Void> drained = Future.succeededFuture();
    if (server != null && Readiness.isDraining(vertx)) {
      // SPEC §8 drain: the listener is unbound at once (new connections refused), idle keep-alive
      // connections are closed, requests in flight finish and their connections close after them;
      // whatever is still open at shutdown.timeout is closed. WebSocket tunnels: GoingAway.
      long timeout = shutdown.getTimeout().toMillis();
      drained = server.shutdown(timeout, TimeUnit.MILLISECONDS);
      if (httpsServer != null) {
        drained = Future.join(drained, httpsServer.shutdown(timeout, TimeUnit.MILLISECONDS)).mapEmpty();
      }
    }
    return drained.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }
}
