package io.edgeroute.shared.net;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * The ports this node's listeners actually bound, by listener name ({@link #ROUTER},
 * {@link #ADMIN}). With a configured port of 0 the OS picks one; this is where tests and the
 * start-up log learn which.
 */
public final class BoundPorts {

  public static final String ROUTER = "router";
  public static final String ADMIN = "admin";
  /** The router's HTTPS listener ({@code router.https.port}, SPEC §9). */
  public static final String ROUTER_HTTPS = "router-https";
  private static final String MAP = "edgeroute.bound-ports";

  private BoundPorts() {
  }

  /**
   * Records that {@code listener} is bound to {@code port}.
   *
   * @return {@code true} when this is the first record for the listener (several verticle instances
   *     share one listener; only the first should log it)
   */
  public static boolean record(Vertx vertx, String listener, int port) {
    return ports(vertx).putIfAbsent(listener, port) == null;
  }

  /** @return the bound port of {@code listener}, or {@code null} when it is not listening */
  public static Integer get(Vertx vertx, String listener) {
    return ports(vertx).get(listener);
  }

  /** Forgets {@code listener} (its verticle stopped). */
  public static void forget(Vertx vertx, String listener) {
    ports(vertx).remove(listener);
  }

  private static LocalMap<String, Integer> ports(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
