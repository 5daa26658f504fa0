import io.vertx.core.*;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.*;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor of the peer benchmark on this stack: the least a Vert.x 5 router can cost per request
 * in its harness, to tell the stack's own cost from Edgeroute's. Not part of Edgeroute.
 *
 * <p>A visitor whose Host starts with {@code c} gets an in-memory cache: the first answer from the
 * harness's slow origin (port 18081) is kept by host and uri and every later request for it is
 * answered from the map with four fields. Any other Host is proxied to the harness's origin (port
 * 18080): the visitor's request piped into a pooled client request with every field copied, the
 * answer piped back with every field copied. No lookup, no header rules, no access log, no meters,
 * no request checks. Run by {@code scripts/vertx-floor.sh}.
 */
public class Floor extends VerticleBase {
  static final ConcurrentHashMap<String, Buffer> CACHE = new ConcurrentHashMap<>();
  HttpClient client;
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setMaxChunkSize(65536), new PoolOptions().setHttp1MaxSize(128));
    int port = Integer.getInteger("port");
    return vertx.createHttpServer(new HttpServerOptions()).requestHandler(this::handle).listen(port);
  }
  void handle(HttpServerRequest req) {
    String host = req.getHeader("host");
    if (host != null && host.startsWith("c")) { cached(req, host); return; }
    proxy(req, 18080);
  }
  void cached(HttpServerRequest req, String host) {
    String key = host + req.uri();
    Buffer b = CACHE.get(key);
    if (b != null) {
      req.response().putHeader("content-type", "application/octet-stream").putHeader("etag", "\"abc\"")
        .putHeader("cache-control", "max-age=3600").putHeader("age", "1").end(b);
      return;
    }
    client.request(HttpMethod.GET, 18081, "127.0.0.1", req.uri()).compose(r -> r.send()).compose(r -> r.body())
      .onSuccess(body -> { CACHE.put(key, body); req.response().end(body); })
      .onFailure(e -> req.response().setStatusCode(502).end());
  }
  void proxy(HttpServerRequest req, int port) {
    req.pause();
    client.request(new RequestOptions().setMethod(req.method()).setPort(port).setHost("127.0.0.1").setURI(req.uri()))
      .onSuccess(creq -> {
        creq.headers().setAll(req.headers());
        creq.send(req).onSuccess(cres -> {
          HttpServerResponse res = req.response();
          res.setStatusCode(cres.statusCode());
          res.headers().setAll(cres.headers());
          cres.pipeTo(res);
        }).onFailure(e -> req.response().setStatusCode(502).end());
      }).onFailure(e -> req.response().setStatusCode(502).end());
  }
  public static void main(String[] a) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    vertx.deployVerticle(Floor::new, new DeploymentOptions().setInstances(1)).onFailure(Throwable::printStackTrace);
  }
}
