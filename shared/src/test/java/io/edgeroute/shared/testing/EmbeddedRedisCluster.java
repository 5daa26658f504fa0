package io.edgeroute.shared.testing;

import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of three masters (no replicas) on random free ports of 127.0.0.1, each
 * master serving a third of the 16384 slots.
 *
 * <p>Built node by node rather than with embedded-redis's {@code RedisShardedCluster} because that
 * builder gives every node the same working directory and the default save points: nodes would
 * overwrite each other's {@code dump.rdb} and a restarted node could load another node's keys.
 * Here each node has its own directory holding its {@code nodes.conf}, so a node stopped and
 * started again on the same port comes back with the same id and slots and rejoins the cluster.
 */
public final class EmbeddedRedisCluster implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedRedisCluster.class.getName());
  private static final int SLOTS = 16_384;
  private static final int BUS_PORT_OFFSET = 10_000;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<RedisServer> servers = new ArrayList<>();

  private EmbeddedRedisCluster(int masters) throws IOException {
    for (int i = 0; i < masters; i++) {
      int port = FreePorts.freePortPair(BUS_PORT_OFFSET);
      Path dir = Files.createTempDirectory("edgeroute-redis-cluster-" + port + "-");
      ports.add(port);
      dirs.add(dir);
      servers.add(RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("dir " + dir.toAbsolutePath())
          .setting("cluster-enabled yes")
          .setting("cluster-config-file nodes.conf")
          // Short enough that a restarted node is trusted again quickly, long enough for 2 busy cores.
          .setting("cluster-node-timeout 3000")
          // A stopped master must not make the other masters refuse their own slots.
          .setting("cluster-require-full-coverage no")
          .setting("save \"\"")
          .setting("appendonly no")
          .build());
    }
  }

  /** Starts three masters, joins them and assigns the slots; blocks until the cluster is ok. */
  public static EmbeddedRedisCluster start() {
    try {
      EmbeddedRedisCluster cluster = new EmbeddedRedisCluster(3);
      for (RedisServer server : cluster.servers) {
        server.start();
      }
      cluster.form();
      cluster.awaitHealthy();
      LOG.info(() -> "embedded redis cluster on " + cluster.endpoints());
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded redis cluster", e);
    }
  }

  /** @return {@code redis://127.0.0.1:<port>} of every master, in start order */
  public List<String> endpoints() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** Kills master {@code index}; its slots are unavailable until {@link #startNode} brings it back. */
  public void stopNode(int index) {
    try {
      servers.get(index).stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop cluster node " + ports.get(index), e);
    }
  }

  /** Starts master {@code index} again on its port with its saved cluster config; blocks until the cluster is ok. */
  public void startNode(int index) {
    try {
      servers.get(index).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start cluster node " + ports.get(index), e);
    }
    awaitHealthy();
  }

  /** Starts every stopped master again (same ports, same ids, same slots); blocks until the cluster is ok. */
  public void startAll() {
    try {
      for (RedisServer server : servers) {
        if (!server.isActive()) {
          server.start();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart the cluster", e);
    }
    awaitHealthy();
  }

  /** Empties every master, so that each test starts from nothing. */
  public void flushAll() {
    for (int port : ports) {
      try (Jedis node = new Jedis("127.0.0.1", port)) {
        node.flushAll();
      }
    }
  }

  @Override
  public void close() {
    for (RedisServer server : servers) {
      try {
        if (server.isActive()) {
          server.stop();
        }
      } catch (IOException e) {
        LOG.warning(() -> "cannot stop a cluster node: " + e.getMessage());
      }
    }
    dirs.forEach(EmbeddedRedisCluster::deleteQuietly);
  }

  private void form() {
    int first = ports.get(0);
    int perNode = SLOTS / ports.size();
    for (int i = 0; i < ports.size(); i++) {
      int from = i * perNode;
      int to = i == ports.size() - 1 ? SLOTS : from + perNode;
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        if (ports.get(i) != first) {
          node.clusterMeet("127.0.0.1", first);
        }
        node.clusterAddSlots(IntStream.range(from, to).toArray());
      }
    }
  }

  /** Polls every node until all agree the cluster is ok and know each other, within {@link #READY_TIMEOUT}. */
  private void awaitHealthy() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = ports.stream().map(EmbeddedRedisCluster::state).reduce("", (a, b) -> a + b);
      if (ports.stream().allMatch(p -> healthy(p, ports.size()))) {
        return;
      }
      // A polling interval, not a wait for time to pass: the loop ends as soon as the state is ok.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new IllegalStateException("redis cluster " + ports + " not ok within " + READY_TIMEOUT + ": " + last);
  }

  private static boolean healthy(int port, int nodes) {
    String info = state(port);
    return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + nodes)
        && info.contains("cluster_slots_ok:" + SLOTS);
  }

  private static String state(int port) {
    try (Jedis node = new Jedis("127.0.0.1", port)) {
      return node.clusterInfo();
    } catch (RuntimeException e) {
      return "node " + port + " unreachable: " + e.getMessage() + "\n";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.fine(() -> "cannot delete " + dir + ": " + e.getMessage());
    }
  }
}
