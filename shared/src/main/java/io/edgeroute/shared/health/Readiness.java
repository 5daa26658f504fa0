package io.edgeroute.shared.health;

import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.util.function.BooleanSupplier;

/**
 * Whether this node should get traffic (SPEC §8), answered by {@code /health/ready} on the admin
 * listener and by {@code router.healthPath} on the router's:
 * <ul>
 *   <li>503 while draining (SIGTERM received), whatever else holds;</li>
 *   <li>503 until the router listener is bound, when this node runs one;</li>
 *   <li>200 {@code "kv": "UP"} when the KV store answers a ping;</li>
 *   <li>200 {@code "kv": "DOWN"} when it does not but the microcache (or the snapshot it was
 *       restored from) holds routing data: degraded, still serving every known host. Pulling the
 *       node out then would turn a Redis outage, which the cache is there to survive, into a full
 *       outage;</li>
 *   <li>503 {@code "kv": "DOWN"} when there is neither: the node has never had routing data.</li>
 * </ul>
 */
public final class Readiness {

  /** One answer: the status to send and its JSON body. */
  public record Report(int status, JsonObject body) {
  }

  private static final String MAP = "edgeroute.node";
  private static final String DRAINING = "draining";

  private final Vertx vertx;
  private final KvStore store;
  private final BooleanSupplier holdsRoutingData;
  private final boolean routerExpected;

  /**
   * @param holdsRoutingData whether the microcache holds servable routing data
   * @param routerExpected   whether this node runs the router, so is not ready before it listens
   */
  public Readiness(Vertx vertx, KvStore store, BooleanSupplier holdsRoutingData, boolean routerExpected) {
    this.vertx = vertx;
    this.store = store;
    this.holdsRoutingData = holdsRoutingData;
    this.routerExpected = routerExpected;
  }

  /** Readiness of a node that is only the KV store's front (an admin listener alone, in tests). */
  public static Readiness ofStore(Vertx vertx, KvStore store) {
    return new Readiness(vertx, store, () -> false, false);
  }

  /** Marks the node as draining: every readiness check of {@code vertx} answers 503 from now on. */
  public static void startDraining(Vertx vertx) {
    state(vertx).put(DRAINING, Boolean.TRUE);
  }

  /** @return whether {@link #startDraining} was called for {@code vertx} */
  public static boolean isDraining(Vertx vertx) {
    return Boolean.TRUE.equals(state(vertx).get(DRAINING));
  }

  /** @return a future completed with the answer; it never fails */
  public Future<Report> check() {
    if (isDraining(vertx)) {
      return Future.succeededFuture(down("draining"));
    }
    if (routerExpected && BoundPorts.get(vertx, BoundPorts.ROUTER) == null) {
      return Future.succeededFuture(down("starting"));
    }
    return store.ping().transform(ping -> {
      if (ping.succeeded()) {
        return Future.succeededFuture(new Report(200, new JsonObject().put("status", "UP").put("kv", "UP")));
      }
      boolean serving = holdsRoutingData.getAsBoolean();
      JsonObject body = new JsonObject().put("status", serving ? "UP" : "DOWN").put("kv", "DOWN");
      return Future.succeededFuture(new Report(serving ? 200 : 503, body));
    });
  }

  private static Report down(String reason) {
    return new Report(503, new JsonObject().put("status", "DOWN").put("reason", reason));
  }

  private static LocalMap<String, Boolean> state(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
