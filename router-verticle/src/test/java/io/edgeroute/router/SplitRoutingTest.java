package io.edgeroute.router;

import static io.edgeroute.router.RouterHarness.await;
import static io.edgeroute.router.RouterHarness.origin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeroute.shared.kv.MemoryKvStore;
import io.edgeroute.shared.model.Route;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Weighted splits, sticky visitors and blue-green flips, against two real origins. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SplitRoutingTest {

  private static final Logger LOG = Logger.getLogger(SplitRoutingTest.class.getName());

  private RouterHarness router;
  private TestOrigin blue;
  private TestOrigin green;

  @BeforeEach
  void deploy(Vertx vertx) {
    router = RouterHarness.deploy(vertx, await(MemoryKvStore.open(vertx, null, RouterHarness.KEYS)), new JsonObject().put("firstByteTimeout", "3s"));
    blue = await(TestOrigin.start(vertx, "blue"));
    green = await(TestOrigin.start(vertx, "green"));
  }

  private JsonObject splitSite(int blueWeight, int greenWeight, boolean sticky) {
    JsonArray split = new JsonArray()
        .add(new JsonObject().put("weight", blueWeight).put("origin", origin("http://blue.internal", blue.port())))
        .add(new JsonObject().put("weight", greenWeight).put("label", "green")
            .put("origin", origin("http://green.internal", green.port())));
    return new JsonObject().put("routes", new JsonArray()
        .add(new JsonObject().put("pathPrefix", "/").put("split", split).put("sticky", sticky)));
  }

  @Test
  void ninetyTenSplitLandsWithinThreePointsOverTenThousandRequests() {
    router.putSite("split.example", splitSite(90, 10, false));
    int total = 10_000;
    List<Future<RouterHarness.Answer>> answers = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      answers.add(router.send(HttpMethod.GET, "split.example", "/", Map.of(), null));
    }
    await(Future.all(answers));
    long toBlue = answers.stream().filter(a -> a.result().body().startsWith("blue")).count();
    long toGreen = answers.stream().filter(a -> a.result().body().startsWith("green")).count();
    double bluePercent = 100.0 * toBlue / total;
    LOG.info(String.format("90/10 split over %d requests: blue %.2f%%, green %.2f%%", total, bluePercent,
        100.0 * toGreen / total));
    assertEquals(total, toBlue + toGreen);
    assertTrue(Math.abs(bluePercent - 90) <= 3, "blue got " + bluePercent + "%");
    assertNull(answers.get(0).result().headers().get("Set-Cookie"), "a non-sticky split sets no cookie");
  }

  @Test
  void aStickyVisitorNeverSwitches() {
    router.putSite("sticky.example", splitSite(50, 50, true));
    RouterHarness.Answer first = router.get("sticky.example", "/");
    String setCookie = first.headers().get("Set-Cookie");
    assertNotNull(setCookie);
    assertTrue(setCookie.startsWith(Route.STICKY_COOKIE + "="), setCookie);
    assertTrue(setCookie.contains("Path=/") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"),
        setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String pinned = first.body().split(" ")[0];
    for (int i = 0; i < 200; i++) {
      RouterHarness.Answer again = await(router.send(HttpMethod.GET, "sticky.example", "/", Map.of("Cookie", cookie), null));
      assertEquals(pinned, again.body().split(" ")[0], "request " + i + " " + again.status() + " " + again.body() + " " + blue.received.size() + " " + green.received.size());
      assertNull(again.headers().get("Set-Cookie"), "a valid pin is not set again");
    }
    RouterHarness.Answer bogus = await(router.send(HttpMethod.GET, "sticky.example", "/",
        Map.of("Cookie", Route.STICKY_COOKIE + "=nonsense"), null));
    assertNotNull(bogus.headers().get("Set-Cookie"), "an invalid pin is replaced");
  }

  @Test
  void flippingABlueGreenSplitByOneWriteMovesTheNextRequest() {
    router.putSite("bg.example", splitSite(100, 0, true));
    RouterHarness.Answer before = router.get("bg.example", "/");
    assertTrue(before.body().startsWith("blue"), before.body());
    String cookie = before.headers().get("Set-Cookie").split(";")[0];

    router.putSite("bg.example", splitSite(0, 100, true));

    RouterHarness.Answer after = await(router.send(HttpMethod.GET, "bg.example", "/", Map.of("Cookie", cookie), null));
    assertTrue(after.body().startsWith("green"), "a pin to a branch now weighted 0 must follow the flip: " + after.body());
    assertTrue(after.headers().get("Set-Cookie").startsWith(Route.STICKY_COOKIE + "=green"));
  }
}
