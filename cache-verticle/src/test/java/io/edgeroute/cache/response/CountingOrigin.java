package io.edgeroute.cache.response;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin on a random loopback port that counts the requests it gets per path, and an
 * {@link OriginFetch} that reaches it with a real Vert.x {@link HttpClient}.
 */
final class CountingOrigin {

  private final Vertx vertx;
  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Promise<Void>> arrivals = new ConcurrentHashMap<>();
  private HttpServer server;
  private HttpClient client;

  private CountingOrigin(Vertx vertx) {
    this.vertx = vertx;
  }

  static Future<CountingOrigin> start(Vertx vertx) {
    CountingOrigin origin = new CountingOrigin(vertx);
    origin.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(200));
    origin.server = vertx.createHttpServer().requestHandler(origin::handle);
    return origin.server.listen(0, "127.0.0.1").map(s -> origin);
  }

  /** Answers requests for {@code path} with the handler. */
  CountingOrigin on(String path, Handler<HttpServerRequest> handler) {
    routes.put(path, handler);
    return this;
  }

  /** @return how many requests the origin got for the path */
  int count(String path) {
    return counter(path).get();
  }

  /** @return completes when the n-th request for the path has arrived */
  Future<Void> arrival(String path, int n) {
    Promise<Void> promise = arrivals.computeIfAbsent(path + "#" + n, k -> Promise.promise());
    if (count(path) >= n) {
      promise.tryComplete();
    }
    return promise.future();
  }

  /** Closes the listener (and its connections): later fetches are refused. */
  Future<Void> stop() {
    return server.close();
  }

  OriginFetch fetch() {
    return request -> client.request(HttpMethod.valueOf(request.method()), server.actualPort(), "127.0.0.1",
            request.pathAndQuery())
        .compose(r -> {
          r.headers().addAll(request.headers());
          return r.send();
        })
        .map(response -> new OriginResponse(response.statusCode(), response.headers(), response.pause()));
  }

  private void handle(HttpServerRequest request) {
    int n = counter(request.path()).incrementAndGet();
    arrivals.computeIfAbsent(request.path() + "#" + n, k -> Promise.promise()).tryComplete();
    Handler<HttpServerRequest> route = routes.get(request.path());
    if (route == null) {
      request.response().setStatusCode(404).end();
    } else {
      route.handle(request);
    }
  }

  private AtomicInteger counter(String path) {
    return counts.computeIfAbsent(path, p -> new AtomicInteger());
  }
}
