package io.edgeroute.app;

import io.edgeroute.shared.config.ClusterOptions;
import io.edgeroute.shared.net.BoundPorts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One Edgeroute node in this JVM, as {@code java -jar edgeroute.jar -conf FILE -cluster} runs it:
 * a clustered Vert.x (Hazelcast on {@code hazelcastPort}, TCP/IP join of {@code members}) with
 * {@link MainVerticle} deployed from a configuration file, on a Redis Cluster, with router and
 * admin listeners on ports the OS picks.
 */
final class ClusterNode {

  static final String OPERATOR_TOKEN = "operator-secret";

  private final Vertx vertx;

  private ClusterNode(Vertx vertx) {
    this.vertx = vertx;
  }

  /** @return a future completed with the node once its verticles are deployed */
  static Future<ClusterNode> start(Path dir, String name, List<String> redisEndpoints, int hazelcastPort,
                                   List<String> members) {
    return start(dir, name, redisEndpoints, hazelcastPort, members, new JsonObject());
  }

  /** @param overrides configuration merged (deeply) over the node's defaults above */
  static Future<ClusterNode> start(Path dir, String name, List<String> redisEndpoints, int hazelcastPort,
                                   List<String> members, JsonObject overrides) {
    ClusterOptions cluster = new ClusterOptions().setName("edgeroute-test").setHost("127.0.0.1")
        .setPort(hazelcastPort).setMembers(members);
    JsonObject config = new JsonObject()
        .put("router", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("admin", new JsonObject().put("port", 0).put("operatorTokens", new JsonArray().add(OPERATOR_TOKEN)))
        .put("kv", new JsonObject().put("type", "redis")
            .put("redis", new JsonObject().put("type", "cluster").put("endpoints", new JsonArray(redisEndpoints)))
            .put("cache", new JsonObject().put("snapshotFile", dir.resolve(name + "-snapshot.json").toString())))
        .put("cluster", cluster.toJson())
        .mergeIn(overrides, true);
    Path file = write(dir.resolve(name + ".json"), config);
    return HazelcastSetup.vertxBuilder(new VertxOptions(), cluster).buildClustered().compose(vertx ->
        vertx.deployVerticle(new MainVerticle(), new DeploymentOptions().setConfig(MainVerticle.configFor(file.toString())))
            .map(id -> new ClusterNode(vertx)));
  }

  Vertx vertx() {
    return vertx;
  }

  int routerPort() {
    return BoundPorts.get(vertx, BoundPorts.ROUTER);
  }

  int adminPort() {
    return BoundPorts.get(vertx, BoundPorts.ADMIN);
  }

  /** Stops the node as a shutdown would: verticles undeployed, the cluster left. */
  Future<Void> stop() {
    return vertx.close();
  }

  private static Path write(Path file, JsonObject config) {
    try {
      return Files.writeString(file, config.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
