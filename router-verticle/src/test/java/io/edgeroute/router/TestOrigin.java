package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP origin on a random loopback port that records what it receives and answers
 * {@code <name> <method> <uri>} (or runs a custom handler after recording the head); WebSocket
 * handshakes are recorded too, and their frames echoed.
 */
final class TestOrigin {

  static final String CERT = "src/test/resources/tls/static.example.me.cert.pem";
  static final String KEY = "src/test/resources/tls/static.example.me.key.pem";

  /** What one request looked like on arrival. */
  record Received(HttpMethod method, String uri, MultiMap headers, String body, String sni) {
  }

  final String name;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;

  private TestOrigin(String name) {
    this.name = name;
  }

  /** An origin that reads the whole body, records it and echoes its name. */
  static Future<TestOrigin> start(Vertx vertx, String name) {
    return start(vertx, name, false, null);
  }

  /**
   * @param tls     serve HTTPS with the self-signed {@code static.example.me} certificate, with SNI
   * @param handler called instead of the echo (after the head is recorded with an empty body), or null
   */
  static Future<TestOrigin> start(Vertx vertx, String name, boolean tls, Handler<HttpServerRequest> handler) {
    TestOrigin origin = new TestOrigin(name);
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
    if (tls) {
      options.setSsl(true).setSni(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(CERT).setKeyPath(KEY));
    }
    HttpServer server = vertx.createHttpServer(options);
    server.webSocketHandler(ws -> {
      origin.received.add(new Received(HttpMethod.GET, ws.uri(), copy(ws.headers()), "", null));
      ws.handler(ws::write);
    });
    server.requestHandler(request -> {
      String sni = request.connection().indicatedServerName();
      if (handler != null) {
        origin.received.add(new Received(request.method(), request.uri(), copy(request.headers()), "", sni));
        handler.handle(request);
        return;
      }
      request.body().onSuccess(body -> {
        origin.received.add(new Received(request.method(), request.uri(), copy(request.headers()), body.toString(), sni));
        request.response().putHeader("Connection", "X-Secret").putHeader("X-Secret", "hop")
            .end(name + " " + request.method() + " " + request.uri());
      });
    });
    origin.server = server;
    return server.listen().map(s -> origin);
  }

  int port() {
    return server.actualPort();
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  Future<Void> close() {
    return server.close();
  }

  private static MultiMap copy(MultiMap headers) {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }
}
