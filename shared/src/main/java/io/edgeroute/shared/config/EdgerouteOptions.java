package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The whole configuration, one immutable snapshot: built whole from JSON (every problem of every
 * block reported at once), compared, then swapped in by {@link ConfigWatcher}. Getters return
 * <em>copies</em> of the blocks, so nothing can change a snapshot that others are reading; read the
 * blocks you need once per change, not once per request.
 */
public final class EdgerouteOptions {

  private final RouterOptions router;
  private final AdminOptions admin;
  private final KvOptions kv;
  private final ResponseCacheOptions responseCache;
  private final ConfigOptions config;
  private final LogOptions log;
  private final ClusterOptions cluster;
  private final TlsOptions tls;
  private final AcmeOptions acme;
  private final MetricsOptions metrics;
  private final ShutdownOptions shutdown;

  /** The built-in defaults (the same values as the shipped {@code conf/edgeroute.json}). */
  public EdgerouteOptions() {
    this(new JsonObject());
  }

  /**
   * @param json the configuration; missing keys take their defaults
   * @throws InvalidConfigException listing every problem: bad values and unknown keys alike
   */
  public EdgerouteOptions(JsonObject json) {
    ConfigReader in = ConfigReader.of("", json);
    router = new RouterOptions(in.child(RouterOptions.PATH), false);
    admin = new AdminOptions(in.child(AdminOptions.PATH), false);
    kv = new KvOptions(in.child(KvOptions.PATH), false);
    responseCache = new ResponseCacheOptions(in.child(ResponseCacheOptions.PATH), false);
    config = new ConfigOptions(in.child(ConfigOptions.PATH), false);
    log = new LogOptions(in.child(LogOptions.PATH), false);
    cluster = new ClusterOptions(in.child(ClusterOptions.PATH), false);
    tls = new TlsOptions(in.child(TlsOptions.PATH), false);
    acme = new AcmeOptions(in.child(AcmeOptions.PATH), false);
    metrics = new MetricsOptions(in.child(MetricsOptions.PATH), false);
    shutdown = new ShutdownOptions(in.child(ShutdownOptions.PATH), false);
    in.finish();
    in.throwIfInvalid();
  }

  /** @return the built-in defaults */
  public static EdgerouteOptions defaults() {
    return new EdgerouteOptions();
  }

  public RouterOptions getRouter() {
    return new RouterOptions(router);
  }

  public AdminOptions getAdmin() {
    return new AdminOptions(admin);
  }

  public KvOptions getKv() {
    return new KvOptions(kv);
  }

  public ResponseCacheOptions getResponseCache() {
    return new ResponseCacheOptions(responseCache);
  }

  public ConfigOptions getConfig() {
    return new ConfigOptions(config);
  }

  public LogOptions getLog() {
    return new LogOptions(log);
  }

  public ClusterOptions getCluster() {
    return new ClusterOptions(cluster);
  }

  public TlsOptions getTls() {
    return new TlsOptions(tls);
  }

  public AcmeOptions getAcme() {
    return new AcmeOptions(acme);
  }

  public MetricsOptions getMetrics() {
    return new MetricsOptions(metrics);
  }

  public ShutdownOptions getShutdown() {
    return new ShutdownOptions(shutdown);
  }

  /** @return the dotted paths of every leaf value that differs from {@code other} */
  public List<String> changedKeys(EdgerouteOptions other) {
    return JsonPaths.changedKeys(toJson(), other.toJson());
  }

  /** @return the complete configuration as JSON, in the shape of {@code conf/edgeroute.json} */
  public JsonObject toJson() {
    return new JsonObject()
        .put(RouterOptions.PATH, router.toJson())
        .put(AdminOptions.PATH, admin.toJson())
        .put(KvOptions.PATH, kv.toJson())
        .put(ResponseCacheOptions.PATH, responseCache.toJson())
        .put(ConfigOptions.PATH, config.toJson())
        .put(LogOptions.PATH, log.toJson())
        .put(ClusterOptions.PATH, cluster.toJson())
        .put(TlsOptions.PATH, tls.toJson())
        .put(AcmeOptions.PATH, acme.toJson())
        .put(MetricsOptions.PATH, metrics.toJson())
        .put(ShutdownOptions.PATH, shutdown.toJson());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgerouteOptions && toJson().equals(((EdgerouteOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** Secrets (tokens, passwords) are redacted: this string ends up in logs. */
  @Override
  public String toString() {
    return "{router=" + router + ", admin=" + admin + ", kv=" + kv + ", responseCache=" + responseCache
        + ", config=" + config + ", log=" + log + ", cluster=" + cluster + ", tls=" + tls + ", acme=" + acme
        + ", metrics=" + metrics + ", shutdown=" + shutdown + "}";
  }
}
