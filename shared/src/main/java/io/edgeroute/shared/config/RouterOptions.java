package io.edgeroute.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Block {@code router}: the public HTTP listener and how it talks to origins (SPEC §4). Host, port
 * and instances are restart-only; the rest is live.
 */
public class RouterOptions {

  static final String PATH = "router";

  /** Default {@code router.host} = {@value}: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** Default {@code router.port} = {@value}; 0 picks a free port (tests). */
  public static final int DEFAULT_PORT = 8080;
  /** Default {@code router.instances} = {@value}: 0 means one per CPU core. */
  public static final int DEFAULT_INSTANCES = 0;
  /** Default {@code router.fallbackHost} = none: a request for an unknown host gets 404. */
  public static final String DEFAULT_FALLBACK_HOST = null;
  /**
   * Default {@code router.healthPath} = none. A path such as {@code "/_edgeroute/ready"} makes the
   * router answer readiness there (as {@code /health/ready} on the admin listener) for every host,
   * for load balancers that reach only the router port. Live.
   */
  public static final String DEFAULT_HEALTH_PATH = null;
  /** Default {@code router.trustedProxies} = none: client-sent X-Forwarded-* are never trusted. */
  public static final List<String> DEFAULT_TRUSTED_PROXIES = List.of();
  /** Default {@code router.responseHeaders} = none: headers added to every response (a free map). */
  public static final Map<String, String> DEFAULT_RESPONSE_HEADERS = Map.of();
  /** Default {@code router.connectTimeout} = 5s: TCP+TLS connect to an origin. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@code router.firstByteTimeout} = 30s: wait for the origin's response head (then 504). */
  public static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code router.idleTimeout} = 60s: an idle pooled origin connection is closed. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** Default {@code router.poolWaitTimeout} = 2s: wait for a free origin connection. */
  public static final Duration DEFAULT_POOL_WAIT_TIMEOUT = Duration.ofSeconds(2);
  /** Default {@code router.maxConnectionsPerOrigin} = {@value}. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 64;
  /** Default {@code router.maxWaitQueue} = {@value}: requests waiting for a connection, per origin. */
  public static final int DEFAULT_MAX_WAIT_QUEUE = 256;
  /** Default {@code router.headerTimeout} = 10s: a visitor's request head must be complete by then (else 408 and close). */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code router.maxConnections} = {@value}: open visitor connections per node; more are closed at once. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /** Default {@code router.continueTimeout} = 1s: with {@code Expect: 100-continue}, send the body anyway after this. */
  public static final Duration DEFAULT_CONTINUE_TIMEOUT = Duration.ofSeconds(1);
  /** Default {@code router.trustStore} = none: origins' TLS is checked against the JVM's trust store. */
  public static final String DEFAULT_TRUST_STORE = null;
  /** Default {@code router.trustStorePassword} = none. */
  public static final String DEFAULT_TRUST_STORE_PASSWORD = null;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int instances = DEFAULT_INSTANCES;
  private String fallbackHost = DEFAULT_FALLBACK_HOST;
  private String healthPath = DEFAULT_HEALTH_PATH;
  private List<String> trustedProxies = DEFAULT_TRUSTED_PROXIES;
  private Map<String, String> responseHeaders = DEFAULT_RESPONSE_HEADERS;
  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration firstByteTimeout = DEFAULT_FIRST_BYTE_TIMEOUT;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private Duration poolWaitTimeout = DEFAULT_POOL_WAIT_TIMEOUT;
  private int maxConnectionsPerOrigin = DEFAULT_MAX_CONNECTIONS_PER_ORIGIN;
  private int maxWaitQueue = DEFAULT_MAX_WAIT_QUEUE;
  private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private Duration continueTimeout = DEFAULT_CONTINUE_TIMEOUT;
  private String trustStore = DEFAULT_TRUST_STORE;
  private String trustStorePassword = DEFAULT_TRUST_STORE_PASSWORD;
  private HttpsOptions https = new HttpsOptions();

  public RouterOptions() {
  }

  public RouterOptions(RouterOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public RouterOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  RouterOptions(ConfigReader in, boolean strict) {
    host = in.string("host", DEFAULT_HOST);
    port = in.integer("port", DEFAULT_PORT, 0, 65535);
    instances = in.integer("instances", DEFAULT_INSTANCES, 0, 1024);
    fallbackHost = in.optString("fallbackHost", DEFAULT_FALLBACK_HOST);
    healthPath = in.check("healthPath", in.optString("healthPath", DEFAULT_HEALTH_PATH), DEFAULT_HEALTH_PATH,
        RouterOptions::checkHealthPath);
    trustedProxies = in.strings("trustedProxies", DEFAULT_TRUSTED_PROXIES, Cidr::parse);
    responseHeaders = in.stringMap("responseHeaders");
    connectTimeout = in.duration("connectTimeout", DEFAULT_CONNECT_TIMEOUT);
    firstByteTimeout = in.duration("firstByteTimeout", DEFAULT_FIRST_BYTE_TIMEOUT);
    idleTimeout = in.duration("idleTimeout", DEFAULT_IDLE_TIMEOUT);
    poolWaitTimeout = in.duration("poolWaitTimeout", DEFAULT_POOL_WAIT_TIMEOUT);
    maxConnectionsPerOrigin = in.integer("maxConnectionsPerOrigin", DEFAULT_MAX_CONNECTIONS_PER_ORIGIN, 1, 1 << 20);
    maxWaitQueue = in.integer("maxWaitQueue", DEFAULT_MAX_WAIT_QUEUE, 0, 1 << 20);
    headerTimeout = in.duration("headerTimeout", DEFAULT_HEADER_TIMEOUT);
    maxConnections = in.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 1 << 24);
    continueTimeout = in.duration("continueTimeout", DEFAULT_CONTINUE_TIMEOUT);
    trustStore = in.optString("trustStore", DEFAULT_TRUST_STORE);
    trustStorePassword = in.optString("trustStorePassword", DEFAULT_TRUST_STORE_PASSWORD);
    https = new HttpsOptions(in.child(HttpsOptions.PATH), false);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public String getHost() {
    return host;
  }

  public RouterOptions setHost(String host) {
    this.host = Checks.check(PATH + ".host", host, Checks::nonEmpty);
    return this;
  }

  public int getPort() {
    return port;
  }

  public RouterOptions setPort(int port) {
    this.port = Checks.check(PATH + ".port", port, Checks::port);
    return this;
  }

  /** @return the configured instance count; 0 means one per core, see {@link #resolveInstances()} */
  public int getInstances() {
    return instances;
  }

  /** @return the number of router verticle instances to deploy: {@link #getInstances()}, or the core count for 0 */
  public int resolveInstances() {
    return instances == 0 ? Runtime.getRuntime().availableProcessors() : instances;
  }

  public RouterOptions setInstances(int instances) {
    this.instances = Checks.check(PATH + ".instances", instances, Checks.range(0, 1024));
    return this;
  }

  public String getFallbackHost() {
    return fallbackHost;
  }

  /** @return the router-port readiness path, or {@code null} when there is none */
  public String getHealthPath() {
    return healthPath;
  }

  public RouterOptions setHealthPath(String healthPath) {
    this.healthPath = Checks.check(PATH + ".healthPath", healthPath, RouterOptions::checkHealthPath);
    return this;
  }

  private static String checkHealthPath(String path) {
    if (path != null && (!path.startsWith("/") || path.contains("?") || path.contains("#"))) {
      throw new IllegalArgumentException("\"" + path + "\" is not a path starting with /");
    }
    return path;
  }

  public RouterOptions setFallbackHost(String fallbackHost) {
    this.fallbackHost = fallbackHost;
    return this;
  }

  /** @return the trusted proxy networks as written; {@link #trustedProxyCidrs()} parses them */
  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  public List<Cidr> trustedProxyCidrs() {
    return trustedProxies.stream().map(Cidr::parse).toList();
  }

  public RouterOptions setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies = List.copyOf(Checks.check(PATH + ".trustedProxies", trustedProxies, Checks.each(Cidr::parse)));
    return this;
  }

  public Map<String, String> getResponseHeaders() {
    return responseHeaders;
  }

  public RouterOptions setResponseHeaders(Map<String, String> responseHeaders) {
    this.responseHeaders = Map.copyOf(responseHeaders);
    return this;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public RouterOptions setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = Checks.check(PATH + ".connectTimeout", connectTimeout, Checks::nonNegative);
    return this;
  }

  public Duration getFirstByteTimeout() {
    return firstByteTimeout;
  }

  public RouterOptions setFirstByteTimeout(Duration firstByteTimeout) {
    this.firstByteTimeout = Checks.check(PATH + ".firstByteTimeout", firstByteTimeout, Checks::nonNegative);
    return this;
  }

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  public RouterOptions setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = Checks.check(PATH + ".idleTimeout", idleTimeout, Checks::nonNegative);
    return this;
  }

  public Duration getPoolWaitTimeout() {
    return poolWaitTimeout;
  }

  public RouterOptions setPoolWaitTimeout(Duration poolWaitTimeout) {
    this.poolWaitTimeout = Checks.check(PATH + ".poolWaitTimeout", poolWaitTimeout, Checks::nonNegative);
    return this;
  }

  public int getMaxConnectionsPerOrigin() {
    return maxConnectionsPerOrigin;
  }

  public RouterOptions setMaxConnectionsPerOrigin(int max) {
    this.maxConnectionsPerOrigin = Checks.check(PATH + ".maxConnectionsPerOrigin", max, Checks.range(1, 1 << 20));
    return this;
  }

  public int getMaxWaitQueue() {
    return maxWaitQueue;
  }

  public RouterOptions setMaxWaitQueue(int maxWaitQueue) {
    this.maxWaitQueue = Checks.check(PATH + ".maxWaitQueue", maxWaitQueue, Checks.range(0, 1 << 20));
    return this;
  }

  public Duration getHeaderTimeout() {
    return headerTimeout;
  }

  /** @param headerTimeout how long a request head may take to arrive; zero for no limit */
  public RouterOptions setHeaderTimeout(Duration headerTimeout) {
    this.headerTimeout = Checks.check(PATH + ".headerTimeout", headerTimeout, Checks::nonNegative);
    return this;
  }

  public int getMaxConnections() {
    return maxConnections;
  }

  public RouterOptions setMaxConnections(int maxConnections) {
    this.maxConnections = Checks.check(PATH + ".maxConnections", maxConnections, Checks.range(1, 1 << 24));
    return this;
  }

  public Duration getContinueTimeout() {
    return continueTimeout;
  }

  /** @param continueTimeout how long to wait for an origin's 100 before sending the body anyway */
  public RouterOptions setContinueTimeout(Duration continueTimeout) {
    this.continueTimeout = Checks.check(PATH + ".continueTimeout", continueTimeout, Checks::nonNegative);
    return this;
  }

  public String getTrustStore() {
    return trustStore;
  }

  public RouterOptions setTrustStore(String trustStore) {
    this.trustStore = trustStore;
    return this;
  }

  public String getTrustStorePassword() {
    return trustStorePassword;
  }

  public RouterOptions setTrustStorePassword(String trustStorePassword) {
    this.trustStorePassword = trustStorePassword;
    return this;
  }

  /** @return a copy of block {@code router.https} */
  public HttpsOptions getHttps() {
    return new HttpsOptions(https);
  }

  public RouterOptions setHttps(HttpsOptions https) {
    this.https = new HttpsOptions(https);
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("instances", instances)
        .put("fallbackHost", fallbackHost)
        .put("healthPath", healthPath)
        .put("trustedProxies", new JsonArray(new ArrayList<>(trustedProxies)))
        .put("responseHeaders", new JsonObject(new java.util.LinkedHashMap<>(responseHeaders)))
        .put("connectTimeout", Durations.format(connectTimeout))
        .put("firstByteTimeout", Durations.format(firstByteTimeout))
        .put("idleTimeout", Durations.format(idleTimeout))
        .put("poolWaitTimeout", Durations.format(poolWaitTimeout))
        .put("maxConnectionsPerOrigin", maxConnectionsPerOrigin)
        .put("maxWaitQueue", maxWaitQueue)
        .put("headerTimeout", Durations.format(headerTimeout))
        .put("maxConnections", maxConnections)
        .put("continueTimeout", Durations.format(continueTimeout))
        .put("trustStore", trustStore)
        .put("trustStorePassword", trustStorePassword)
        .put(HttpsOptions.PATH, https.toJson());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouterOptions && toJson().equals(((RouterOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** The trust store password is redacted: this string ends up in logs. */
  @Override
  public String toString() {
    return toJson().put("trustStorePassword", trustStorePassword == null ? null : "***").encode();
  }
}
