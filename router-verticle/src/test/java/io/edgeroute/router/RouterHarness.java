package io.edgeroute.router;

import io.edgeroute.cache.lookup.SiteResolver;
import io.edgeroute.cache.response.ResponseCache;
import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The router verticle deployed for real over a real store, and a keep-alive client to call it. */
final class RouterHarness {

  static final KvKeys KEYS = KvKeys.defaults();

  /** A visitor's view of one answer. */
  record Answer(int status, MultiMap headers, String body) {
  }

  final Vertx vertx;
  final KvStore store;
  final HttpClientAgent client;
  /** The visitor's event loop: see {@link #onLoop}. */
  private final Context context;
  int port;
  private String deploymentId;

  private RouterHarness(Vertx vertx, KvStore store) {
    this(vertx, store, 32);
  }

  private RouterHarness(Vertx vertx, KvStore store, int connections) {
    this.vertx = vertx;
    this.store = store;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
  }

  /** @return a second visitor of the same router, with up to {@code connections} connections at once */
  RouterHarness withConnections(int connections) {
    RouterHarness wide = new RouterHarness(vertx, store, connections);
    wide.port = port;
    return wide;
  }

  /** @param router extra keys of the {@code router} block (host, port and instances are set here) */
  static RouterHarness deploy(Vertx vertx, KvStore store, JsonObject router) {
    return deploy(vertx, store, new JsonObject().put("router", router), ReadThroughResolver.of(vertx, store, KEYS));
  }

  /** @param cache the node's response cache the router serves cached sites from */
  static RouterHarness deploy(Vertx vertx, KvStore store, JsonObject router, ResponseCache cache) {
    RouterHarness harness = new RouterHarness(vertx, store);
    harness.deploymentId = await(vertx.deployVerticle(new RouterVerticle(ReadThroughResolver.of(vertx, store, KEYS), cache),
        new DeploymentOptions().setConfig(withLoopbackRouter(new JsonObject().put("router", router)))));
    harness.port = BoundPorts.get(vertx, BoundPorts.ROUTER);
    return harness;
  }

  /**
   * @param config the configuration snapshot the router is deployed with (host, port and instances
   *     of its {@code router} block are set here)
   * @param resolver what the router reads its routing data from
   */
  static RouterHarness deploy(Vertx vertx, KvStore store, JsonObject config, SiteResolver resolver) {
    RouterHarness harness = new RouterHarness(vertx, store);
    harness.deploymentId = await(vertx.deployVerticle(new RouterVerticle(resolver),
        new DeploymentOptions().setConfig(withLoopbackRouter(config))));
    harness.port = BoundPorts.get(vertx, BoundPorts.ROUTER);
    return harness;
  }

  /** @return a copy of {@code config} whose router listens on a free loopback port with one instance */
  static JsonObject withLoopbackRouter(JsonObject config) {
    JsonObject copy = config.copy();
    JsonObject router = copy.getJsonObject("router", new JsonObject());
    copy.put("router", router.put("host", "127.0.0.1").put("port", 0).put("instances", 1));
    return copy;
  }

  /** Undeploys the router and closes its client. */
  Future<Void> close() {
    return vertx.undeploy(deploymentId).compose(v -> client.close());
  }

  void putSite(String host, JsonObject site) {
    await(store.put(KEYS.site(host), site.encode(), KvStore.ANY_VERSION));
  }

  void putEntry(String table, String id, JsonObject entry) {
    await(store.put(KEYS.entry(table, id), entry.encode(), KvStore.ANY_VERSION));
  }

  Answer get(String host, String uri) {
    return await(send(HttpMethod.GET, host, uri, Map.of(), null));
  }

  /**
   * Runs a client chain on the visitor's event loop. Built from the test thread, a step can be
   * attached after the future before it completed, and then runs on the test thread while the event
   * loop delivers the response body to nobody: the request hangs, rarely. On the loop, each step is
   * attached before the next event can arrive.
   *
   * @return a future completed like the chain
   */
  <T> Future<T> onLoop(Supplier<Future<T>> chain) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> chain.get().onComplete(result));
    return result.future();
  }

  Future<Answer> send(HttpMethod method, String host, String uri, Map<String, String> headers, Buffer body) {
    return send(method, host, uri, headers, body, 0);
  }

  /**
   * @param idleTimeoutMs fail the request when nothing arrives for this long; 0 = never. (The
   *     client's own timeout, not {@code Future.timeout}: under sustained traffic the latter keeps
   *     every request reachable from a pending timer for the whole delay.)
   */
  Future<Answer> send(HttpMethod method, String host, String uri, Map<String, String> headers, Buffer body,
      long idleTimeoutMs) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri)
        .setIdleTimeout(idleTimeoutMs);
    return onLoop(() -> client.request(options).compose(request -> {
      HostAndPort authority = HostAndPort.parseAuthority(host, -1);
      if (authority != null) {
        request.authority(authority);
      } else {
        request.putHeader("Host", host);
      }
      headers.forEach(request::putHeader);
      return body == null ? request.send() : request.send(body);
    }).compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b.toString()))));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future failed: " + e, e);
    }
  }

  static JsonObject origin(String url) {
    return new JsonObject().put("url", url);
  }

  /** An origin named {@code url} that actually listens on loopback {@code port}. */
  static JsonObject origin(String url, int port) {
    return origin(url).put("connectTo", "127.0.0.1:" + port);
  }
}
