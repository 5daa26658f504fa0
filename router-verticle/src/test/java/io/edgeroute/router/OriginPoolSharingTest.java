package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sites on one plain-HTTP origin address share its keep-alive connections, each request still
 * carrying its own site's Host; a router with many sites on one origin does not hold (and dial) a
 * pool per site.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OriginPoolSharingTest {

  @Test
  void sitesOnOnePlainOriginShareOneConnectionWithTheirOwnHost(Vertx vertx) {
    RouterHarness router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)),
        new JsonObject().put("maxConnectionsPerOrigin", 1));
    Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    TestOrigin shared = await(TestOrigin.start(vertx, "shared", false, request -> {
      connections.add(request.connection());
      request.response().end("ok");
    }));
    router.putSite("a.example", new JsonObject().put("origin", origin("http://a.internal", shared.port())));
    router.putSite("b.example", new JsonObject().put("origin", origin("http://b.internal", shared.port())));

    for (String host : List.of("a.example", "b.example", "a.example", "b.example")) {
      assertEquals(200, await(router.send(HttpMethod.GET, host, "/", Map.of(), null)).status());
    }

    assertEquals(1, connections.size(), "one keep-alive connection for both sites");
    List<String> hosts = shared.received.stream().map(r -> r.headers().get("Host")).toList();
    assertEquals(List.of("a.internal", "b.internal", "a.internal", "b.internal"), hosts);
  }
}
