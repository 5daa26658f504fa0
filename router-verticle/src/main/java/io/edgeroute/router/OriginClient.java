package io.edgeroute.router;

import io.edgeroute.shared.config.RouterOptions;
import io.edgeroute.shared.http.ChannelAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The router instance's way to its origins: its own {@link OriginPool} for plain exchanges and the
 * response cache's fetches ({@link #call}), and Vert.x's HTTP client for WebSocket upgrades
 * ({@link #current}), whose connections become tunnels. Each has a bounded connection pool per
 * origin and a bounded wait queue. When the live options that shape them change, new ones are built
 * and swapped in; the old ones finish their in-flight exchanges and are shut down (swap, don't
 * mutate). Use from the owning verticle's event loop only.
 */
final class OriginClient {

  private static final Logger LOG = Logger.getLogger(OriginClient.class.getName());
  /** How long a replaced client may keep serving the exchanges it already started. */
  private static final long DRAIN_SECONDS = 60;

  /**
   * The largest body chunk the origin client hands over at once (Vert.x's default is 8 KiB); the
   * decoder slices what one read brought in, so this bounds no buffer, it only saves writes.
   */
  static final int MAX_CHUNK_SIZE = 64 * 1024;

  /** RFC 9110 §9.2.2; only these are retried, and only when no connection could be made. */
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

  private final Vertx vertx;
  private final ContextInternal context;
  private final OriginAddressGuard guard;
  private HttpClientAgent client;
  private OriginPool pool;
  private JsonObject shape;

  /** Call on the router instance's event loop: its connections to origins run there. */
  OriginClient(Vertx vertx, RouterOptions options) {
    this.vertx = vertx;
    this.context = (ContextInternal) vertx.getOrCreateContext();
    this.guard = new OriginAddressGuard(vertx, false);
    update(options);
  }

  /** The dial-time check of tenant-set origins; the router verticle keeps its flag live. */
  OriginAddressGuard guard() {
    return guard;
  }

  /** Rebuilds the client if {@code options} change its connect, idle, pool or trust settings. */
  void update(RouterOptions options) {
    JsonObject next = shapeOf(options);
    if (next.equals(shape)) {
      return;
    }
    HttpClientAgent old = client;
    OriginPool oldPool = pool;
    pool = new OriginPool(context, options, trustOptions(options.getTrustStore(), options.getTrustStorePassword()));
    client = vertx.httpClientBuilder()
        .with(clientOptions(options))
        .with(new PoolOptions()
            .setHttp1MaxSize(options.getMaxConnectionsPerOrigin())
            .setMaxWaitQueueSize(options.getMaxWaitQueue()))
        .withConnectHandler(connection -> {
          ChannelAllocator.install(((ConnectionBase) connection).channel());
          OriginGuard.install(connection);
          OriginChunks.install(connection);
        })
        .build();
    shape = next;
    if (old != null) {
      LOG.info("origin client rebuilt for new router options");
      old.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
      // Exchanges under way keep their connections; each is closed as it is given back.
      oldPool.close();
    }
  }

  /** @return Vert.x's client, for WebSocket upgrades */
  HttpClientAgent current() {
    return client;
  }

  /** @return a future completed when the current client is closed (the pool's idle connections are closed at once) */
  io.vertx.core.Future<Void> close() {
    pool.close();
    return client.close();
  }

  /**
   * Opens an exchange of a planned request with its origin on a pooled connection, retried once
   * when no connection could be made if {@code method} is idempotent, and notes in its record that
   * the origin was asked.
   *
   * @return the exchange, or why no connection could be had: a {@link ConnectionPoolTooBusyException}
   *     (full wait queue), a {@link ProxyFailure#poolExhausted} (none came free in time), or the
   *     connect's or TLS handshake's own failure
   */
  Future<OriginCall> call(Exchange exchange, HttpMethod method) {
    exchange.record.originStarted();
    OriginKey key = OriginKey.of(exchange.plan().target());
    OriginPool current = pool;
    Future<OriginConnection> connection = current.acquire(key);
    if (IDEMPOTENT.contains(method)) {
      connection = connection.recover(t -> ProxyFailure.couldNotConnect(t) ? current.acquire(key) : Future.failedFuture(t));
    }
    return connection.map(OriginConnection::call);
  }

  /**
   * @return options that dial {@code target.dial()} while SNI is the url's host (TLS only); the
   *     connect timeout covers the wait for a pooled connection too. The wait for the response
   *     head is {@link FirstByteTimeout}'s, not a request idle timeout.
   */
  static RequestOptions requestOptions(OriginTarget target, HttpMethod method, RouterOptions options) {
    RequestOptions request = new RequestOptions()
        .setMethod(method)
        .setServer(SocketAddress.inetSocketAddress(target.dial().port(), target.dial().unbracketedHost()))
        .setSsl(target.url().isTls())
        .setURI(target.uri())
        .setConnectTimeout(options.getConnectTimeout().plus(options.getPoolWaitTimeout()).toMillis());
    // Vert.x keys its connection pools by (dial address, host, port). A TLS connection belongs to
    // its name (SNI, certificate check), so TLS keeps one pool per name; a plain connection does
    // not, so all sites on one plain origin share one pool (the Host header is set per request by
    // OriginHeaders.forward). Otherwise 1,000 sites on one origin meant 1,000 pools.
    return target.url().isTls() ? request.setHost(sniHost(target)).setPort(target.url().port()) : request;
  }

  /** @return the url's host without IPv6 brackets */
  static String sniHost(OriginTarget target) {
    String host = target.url().host();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Opens the request of a planned exchange to its origin, retried once when no connection could be
   * made if {@code method} is idempotent, and notes in its record that the origin was asked.
   *
   * @return the request, or a failure as {@link #open(HttpClientAgent, RequestOptions, boolean)}
   */
  static Future<HttpClientRequest> open(HttpClientAgent client, Exchange exchange, HttpMethod method) {
    ProxyPlan plan = exchange.plan();
    RequestOptions options = requestOptions(plan.target(), method, plan.options());
    exchange.record.originStarted();
    return open(client, options, IDEMPOTENT.contains(method));
  }

  /**
   * Opens a request to the origin.
   *
   * @param retry whether to try once more when no connection could be made (nothing was sent then,
   *     so it is safe for an idempotent request)
   * @return the request, or a failure; a plain timeout is mapped to {@link ProxyFailure#poolExhausted}
   */
  static Future<HttpClientRequest> open(HttpClientAgent client, RequestOptions options, boolean retry) {
    Future<HttpClientRequest> opened = client.request(options);
    if (retry) {
      opened = opened.recover(t -> ProxyFailure.couldNotConnect(t) ? client.request(options) : Future.failedFuture(t));
    }
    // A TCP or TLS connect timeout fails first, as Netty's own exception, since the request's
    // timeout is longer by router.poolWaitTimeout; a plain timeout here is the wait for a free
    // pooled connection running out.
    return opened.recover(t -> Future.failedFuture(t instanceof TimeoutException ? ProxyFailure.poolExhausted(t) : t));
  }

  static HttpClientOptions clientOptions(RouterOptions options) {
    int idleMillis = (int) Math.min(Integer.MAX_VALUE, options.getIdleTimeout().toMillis());
    HttpClientOptions client = new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getConnectTimeout().toMillis()))
        .setSslHandshakeTimeout(options.getConnectTimeout().toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setKeepAlive(true)
        .setKeepAliveTimeout((int) Math.max(1, options.getIdleTimeout().toSeconds()))
        .setIdleTimeout(idleMillis)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // The request's host is the TLS name even when connectTo dials an IP (Cloudflare resolveOverride).
        .setForceSni(true)
        .setVerifyHost(true)
        // Bodies pass through as the origin sent them; Content-Encoding is the visitor's business.
        .setDecompressionSupported(false)
        // One body chunk per socket read instead of 8 KiB slices: each chunk is one write and one
        // flush to the visitor, so a 64 KiB answer went out in 8+ writes.
        .setMaxChunkSize(MAX_CHUNK_SIZE);
    TrustOptions trust = trustOptions(options.getTrustStore(), options.getTrustStorePassword());
    return trust == null ? client : client.setTrustOptions(trust);
  }

  /**
   * @return trust for {@code router.trustStore}: PEM for {@code .pem}/{@code .crt}/{@code .cer},
   *     PKCS#12 for {@code .p12}/{@code .pfx}, else JKS; {@code null} for none (the JVM's CAs)
   */
  static TrustOptions trustOptions(String path, String password) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer")) {
      return new PemTrustOptions().addCertPath(path);
    }
    if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
      return new PfxOptions().setPath(path).setPassword(password);
    }
    return new JksOptions().setPath(path).setPassword(password);
  }

  private static JsonObject shapeOf(RouterOptions o) {
    return new JsonObject().put("connect", o.getConnectTimeout().toMillis()).put("idle", o.getIdleTimeout().toMillis())
        .put("max", o.getMaxConnectionsPerOrigin()).put("wait", o.getMaxWaitQueue())
        .put("trust", o.getTrustStore()).put("password", o.getTrustStorePassword());
  }
}
