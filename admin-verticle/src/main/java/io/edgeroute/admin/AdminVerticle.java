package io.edgeroute.admin;

import io.edgeroute.shared.config.AdminOptions;
import io.edgeroute.shared.config.ConfigChanges;
import io.edgeroute.shared.config.EdgerouteOptions;
import io.edgeroute.shared.config.TlsOptions;
import io.edgeroute.shared.health.Readiness;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.KvStores;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;

/**
 * The admin API listener (SPEC §7). Its config is the configuration snapshot JSON; live keys
 * (operator tokens, allowPrivateOrigins) arrive on {@code CONFIG_CHANGED}. It only wires: the
 * routes are built by {@link AdminApi}.
 */
public class AdminVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(AdminVerticle.class.getName());

  private final KvStore store;
  private final Readiness readiness;
  private volatile AdminOptions options;
  private TlsOptions tls;

  /** @param store where sites, tables, tenants and tokens are kept */
  public AdminVerticle(KvStore store) {
    this(store, null);
  }

  /**
   * @param store     where sites, tables, tenants and tokens are kept
   * @param readiness what {@code /health/ready} answers; {@code null}: whether the store answers
   */
  public AdminVerticle(KvStore store, Readiness readiness) {
    this.store = store;
    this.readiness = readiness;
  }

  @Override
  public Future<?> start() {
    EdgerouteOptions config = new EdgerouteOptions(config());
    options = config.getAdmin();
    tls = config.getTls();
    KvKeys keys = KvStores.keys(config.getKv());
    // tls is read once: every node's routers decrypt with the key they started with (restart-only).
    ConfigChanges.subscribe(vertx, snapshot -> options = snapshot.getAdmin());
    return vertx.executeBlocking(AdminVerticle::openApiDocument)
        .map(openApi -> AdminApi.create(vertx, store, keys, () -> options, () -> tls, openApi,
            readiness != null ? readiness : Readiness.ofStore(vertx, store)))
        .compose(router -> vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()))
            .requestHandler(router)
            .listen())
        .onSuccess(server -> {
          if (BoundPorts.record(vertx, BoundPorts.ADMIN, server.actualPort())) {
            LOG.info("admin API listening on " + options.getHost() + ":" + server.actualPort());
          }
        });
  }

  /**
   * Read from the class path directly: Vert.x's file system would first unpack the resource's
   * directory of the fat jar into its cache, which took seconds of start-up.
   */
  private static Buffer openApiDocument() throws IOException {
    try (InputStream in = AdminVerticle.class.getClassLoader().getResourceAsStream(AdminApi.OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IOException(AdminApi.OPENAPI_RESOURCE + " is missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }

  @Override
  public Future<?> stop() {
    BoundPorts.forget(vertx, BoundPorts.ADMIN);
    return Future.succeededFuture();
  }
}
