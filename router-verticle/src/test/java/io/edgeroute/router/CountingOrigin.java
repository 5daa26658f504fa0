package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real origin on a random loopback port that counts the requests it gets per path. */
final class CountingOrigin {

  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private HttpServer server;

  static Future<CountingOrigin> start(Vertx vertx) {
    CountingOrigin origin = new CountingOrigin();
    origin.server = vertx.createHttpServer().requestHandler(origin::handle);
    return origin.server.listen(0, "127.0.0.1").map(s -> origin);
  }

  /** Answers requests for {@code path} with the handler (after counting them). */
  CountingOrigin on(String path, Handler<HttpServerRequest> handler) {
    routes.put(path, handler);
    return this;
  }

  /** Answers {@code v<n>} (the how-manyth request for the path) with the Cache-Control and header pairs. */
  CountingOrigin numbered(String path, String cacheControl, String... headerPairs) {
    return on(path, request -> {
      var response = request.response().putHeader("Cache-Control", cacheControl);
      for (int i = 0; i < headerPairs.length; i += 2) {
        response.putHeader(headerPairs[i], headerPairs[i + 1]);
      }
      response.end("v" + count(path));
    });
  }

  int count(String path) {
    return counts.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  int port() {
    return server.actualPort();
  }

  /** Closes the listener: later connections are refused. */
  Future<Void> stop() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    counts.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
    Handler<HttpServerRequest> route = routes.get(request.path());
    if (route == null) {
      request.response().setStatusCode(404).end();
    } else {
      route.handle(request);
    }
  }
}
