package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dial-time private-origin check (SPEC §4a): a tenant-set origin whose name resolves to
 * loopback is refused with 502 before anything reaches it; an operator-set one, or any with
 * {@code admin.allowPrivateOrigins}, is dialled. The name resolves through vert.x's resolver, given
 * a hosts file here that points {@value #NAME} at 127.0.0.1, like {@code localtest.me} in DNS.
 */
class OriginAddressGuardTest {

  private static final String NAME = "loopback.tenant.test";

  private Vertx vertx;
  private TestOrigin origin;
  private KvStore store;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
        .setHostsValue(Buffer.buffer("127.0.0.1 " + NAME + "\n"))));
    origin = await(TestOrigin.start(vertx, "private"));
    store = await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS));
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private RouterHarness deploy(boolean allowPrivateOrigins) {
    JsonObject config = new JsonObject().put("admin", new JsonObject().put("allowPrivateOrigins", allowPrivateOrigins));
    return RouterHarness.deploy(vertx, store, config, ReadThroughResolver.of(vertx, store, RouterHarness.KEYS));
  }

  private JsonObject site(boolean tenantSet) {
    JsonObject site = new JsonObject().put("tenant", "t").put("origin", origin("http://" + NAME + ":" + origin.port()));
    return tenantSet ? site.put("tenantOrigins", true) : site;
  }

  @Test
  void aTenantSetOriginResolvingToLoopbackIs502AndTheOriginSeesNothing() {
    RouterHarness router = deploy(false);
    router.putSite("tenant.example", site(true));
    router.putSite("literal.example", new JsonObject().put("tenant", "t").put("tenantOrigins", true)
        .put("origin", origin("http://app.example.com", origin.port())));

    RouterHarness.Answer byName = router.get("tenant.example", "/secret");
    RouterHarness.Answer byConnectTo = router.get("literal.example", "/secret");

    assertEquals(502, byName.status(), byName.body());
    assertEquals(502, byConnectTo.status(), byConnectTo.body());
    assertEquals(0, origin.received.size(), "nothing reached the private origin");
  }

  @Test
  void aTenantSetDispatchEntryResolvingToLoopbackIs502() {
    RouterHarness router = deploy(false);
    router.putSite("shops.example", new JsonObject().put("tenant", "t").put("dispatch", new JsonObject().put("table", "shops")));
    router.putEntry("shops", "a", new JsonObject().put("origin", origin("http://" + NAME + ":" + origin.port())).put("tenantOrigins", true));
    router.putEntry("shops", "b", new JsonObject().put("origin", origin("http://" + NAME + ":" + origin.port())));

    assertEquals(502, router.get("shops.example", "/a/x").status());
    assertEquals(0, origin.received.size());
    assertEquals(200, router.get("shops.example", "/b/x").status(), "the operator's entry is dialled");
    assertEquals(1, origin.received.size());
  }

  @Test
  void anOperatorSetOriginOnTheSameNameIsDialled() {
    RouterHarness router = deploy(false);
    router.putSite("operator.example", site(false));

    RouterHarness.Answer answer = router.get("operator.example", "/internal");

    assertEquals(200, answer.status(), answer.body());
    assertEquals("/internal", origin.last().uri());
  }

  @Test
  void allowPrivateOriginsLetsATenantSetOriginBeDialled() {
    RouterHarness router = deploy(true);
    router.putSite("tenant.example", site(true));

    RouterHarness.Answer answer = router.get("tenant.example", "/ok");

    assertEquals(200, answer.status(), answer.body());
    assertEquals(NAME + ":" + origin.port(), origin.last().headers().get("Host"), "Host is the origin's name, not the pinned address");
  }
}
