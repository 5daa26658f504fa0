package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.logging.Logger;

/**
 * The admin API listener (SPEC §7). For now only health; its config is the configuration snapshot
 * JSON, and live keys (tokens, allowPrivateOrigins) arrive on {@code CONFIG_CHANGED}.
 */
public class AdminVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(AdminVerticle.class.getName());

  private final KvStore store;
  private volatile AdminOptions options;

  /** @param store where sites, tables, tenants and tokens are kept */
  public AdminVerticle(KvStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    options = new EdgerouteOptions(config()).getAdmin();
    ConfigChanges.subscribe(vertx, snapshot -> options = snapshot.getAdmin());
    Router router = Router.router(vertx);
    HealthRoutes.mount(router);
    return vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()))
        .requestHandler(router)
        .listen()
        .onSuccess(server -> {
          if (BoundPorts.record(vertx, BoundPorts.ADMIN, server.actualPort())) {
            LOG.info("admin API listening on " + options.getHost() + ":" + server.actualPort());
          }
        });
  }

  @Override
  public Future<?> stop() {
    BoundPorts.forget(vertx, BoundPorts.ADMIN);
    return Future.succeededFuture();
  }

  /** @return the admin options in effect (live keys follow the configuration file) */
  AdminOptions options() {
    return options;
  }
}
