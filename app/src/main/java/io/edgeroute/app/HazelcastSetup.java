package io.edgeroute.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.edgeroute.shared.config.ClusterOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the Hazelcast cluster manager from the {@code cluster} block: a named cluster joined over
 * TCP/IP with an explicit member list, bound to {@code cluster.host:cluster.port}. Multicast and
 * auto-detection are off, because cloud and container networks rarely carry multicast and an
 * operator should see exactly which peers a node talks to.
 */
final class HazelcastSetup {

  private HazelcastSetup() {
  }

  static HazelcastClusterManager clusterManager(ClusterOptions options) {
    return new HazelcastClusterManager(config(options));
  }

  /**
   * A Vert.x builder joined to the {@code cluster} block's Hazelcast; the clustered event bus
   * listens beside Hazelcast, on the same interface. Used by the launcher with {@code -cluster}
   * and by tests that run several nodes in one JVM.
   */
  static VertxBuilder vertxBuilder(VertxOptions options, ClusterOptions cluster) {
    options.getEventBusOptions().setHost(cluster.getHost()).setClusterPublicHost(cluster.getHost());
    return Vertx.builder().with(options).withClusterManager(clusterManager(cluster));
  }

  /** The vertx-hazelcast defaults (the maps the clustered event bus needs) plus our network. */
  static Config config(ClusterOptions options) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(options.getName());
    // Members are listed explicitly, so there is nothing to wait for before joining them.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", options.getHost());
    // A node that loses its peers retries the member list soon, so a partition heals by itself.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.getPort()).setPortAutoIncrement(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.getMembers());
    return config;
  }
}
