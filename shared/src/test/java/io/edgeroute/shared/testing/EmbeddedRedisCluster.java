package io.edgeroute.shared.testing;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of three masters on random free ports of 127.0.0.1, each master serving a
 * third of the 16384 slots; {@link #startWithReplicas()} adds one replica per master, so that a
 * killed master fails over to its replica as in production.
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
  private static final int START_ATTEMPTS = 3;

  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();
  private final List<RedisServer> servers = new ArrayList<>();
  private final int masters;

  private EmbeddedRedisCluster(int masters, int replicasPerMaster) throws IOException {
    this.masters = masters;
    for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
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
          // A replica may always take over: its data age must not veto a failover in a test.
          .setting("cluster-replica-validity-factor 0")
          .setting("save \"\"")
          .setting("appendonly no")
          .build());
    }
  }

  /** Starts three masters, joins them and assigns the slots; blocks until the cluster is ok. */
  public static EmbeddedRedisCluster start() {
    return start(0);
  }

  /**
   * Starts three masters and one replica for each (nodes 3, 4, 5 replicate masters 0, 1, 2); blocks
   * until the cluster is ok and every replica is in sync with its master.
   */
  public static EmbeddedRedisCluster startWithReplicas() {
    return start(1);
  }

  private static EmbeddedRedisCluster start(int replicasPerMaster) {
    EmbeddedRedisCluster cluster = startNodes(replicasPerMaster);
    cluster.form();
    cluster.awaitHealthy();
    cluster.awaitReplicasInSync();
    cluster.awaitEpochsAgreed();
    LOG.info(() -> "embedded redis cluster on " + cluster.endpoints());
    return cluster;
  }

  /**
   * Starts every node on free ports, on other free ports again when a node cannot start: a port
   * found free can be taken before redis-server binds it (by another build's process, or an
   * outgoing connection when the machine's ephemeral range covers it).
   */
  private static EmbeddedRedisCluster startNodes(int replicasPerMaster) {
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      EmbeddedRedisCluster cluster = null;
      try {
        cluster = new EmbeddedRedisCluster(3, replicasPerMaster);
        for (RedisServer server : cluster.servers) {
          server.start();
        }
        return cluster;
      } catch (IOException e) {
        last = e;
        int tried = attempt;
        LOG.warning(() -> "embedded redis cluster node did not start (attempt " + tried + "): " + e.getMessage());
        if (cluster != null) {
          cluster.close();
        }
      }
    }
    throw new UncheckedIOException("cannot start embedded redis cluster", last);
  }

  /** @return {@code redis://127.0.0.1:<port>} of every master as started, in start order */
  public List<String> endpoints() {
    return ports.subList(0, masters).stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  /**
   * @return the index of the node that serves {@code key}'s slot now (a replica's index after a
   *     failover)
   */
  public int nodeServing(String key) {
    for (int i = 0; i < ports.size(); i++) {
      if (!servers.get(i).isActive()) {
        continue;
      }
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        if ("master".equals(node.role().get(0).toString()) && ownsSlot(node, node.clusterKeySlot(key).intValue())) {
          return i;
        }
      } catch (RuntimeException e) {
        LOG.fine(() -> "node unreachable while looking for a slot owner: " + e.getMessage());
      }
    }
    throw new IllegalStateException("no live master serves " + key);
  }

  /**
   * Kills node {@code index} and blocks until the surviving nodes agree the cluster is ok again:
   * with replicas, that is when the killed master's replica has taken over its slots.
   */
  public void killAndAwaitFailover(int index) {
    stopNode(index);
    awaitHealthy();
  }

  /** @return every live node's port, role and view of the cluster (CLUSTER NODES), for failure messages */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ports.size(); i++) {
      out.append("\n-- node ").append(i).append(" port ").append(ports.get(i)).append(": ");
      if (!servers.get(i).isActive()) {
        out.append("stopped");
        continue;
      }
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        out.append(node.clusterInfo().lines().filter(l -> l.startsWith("cluster_state")).findFirst().orElse(""))
            .append('\n').append(node.clusterNodes());
      } catch (RuntimeException e) {
        out.append("unreachable: ").append(e.getMessage());
      }
    }
    return out.toString();
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

  /** Empties every live master, so that each test starts from nothing. */
  public void flushAll() {
    for (int i = 0; i < ports.size(); i++) {
      if (!servers.get(i).isActive()) {
        continue;
      }
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        if ("master".equals(node.role().get(0).toString())) {
          node.flushAll();
        }
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

  /**
   * Joins the nodes and assigns the slots as {@code redis-cli --cluster create} does. Each master
   * first gets a config epoch of its own: left at 0, the masters would settle their collision one
   * bump at a time through gossip, and a master killed before a replica heard of its last bump could
   * never be failed over by it (the other masters refuse to vote for a replica claiming slots under
   * an older epoch than theirs), until the election's retry many seconds later.
   */
  private void form() {
    int first = ports.get(0);
    int perNode = SLOTS / masters;
    for (int i = 0; i < masters; i++) {
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        node.sendCommand(Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", Integer.toString(i + 1));
      }
    }
    for (int i = 0; i < masters; i++) {
      int from = i * perNode;
      int to = i == masters - 1 ? SLOTS : from + perNode;
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        if (ports.get(i) != first) {
          node.clusterMeet("127.0.0.1", first);
        }
        node.clusterAddSlots(IntStream.range(from, to).toArray());
      }
    }
    for (int i = masters; i < ports.size(); i++) {
      String masterId = nodeId(ports.get(i % masters));
      try (Jedis replica = new Jedis("127.0.0.1", ports.get(i))) {
        replica.clusterMeet("127.0.0.1", first);
        await("replica " + ports.get(i) + " learns of its master", () -> replica.clusterNodes().contains(masterId));
        replica.clusterReplicate(masterId);
      }
    }
  }

  private static String nodeId(int port) {
    try (Jedis node = new Jedis("127.0.0.1", port)) {
      return myId(node);
    }
  }

  /** The id on the {@code myself} line of CLUSTER NODES (Jedis 3 has no CLUSTER MYID). */
  private static String myId(Jedis node) {
    for (String line : node.clusterNodes().split("\\n")) {
      if (line.contains("myself")) {
        return line.split(" ")[0];
      }
    }
    throw new IllegalStateException("CLUSTER NODES has no myself line");
  }

  private static boolean ownsSlot(Jedis node, int slot) {
    String myId = myId(node);
    for (String line : node.clusterNodes().split("\n")) {
      String[] fields = line.split(" ");
      if (!fields[0].equals(myId)) {
        continue;
      }
      for (int f = 8; f < fields.length; f++) {
        String[] range = fields[f].split("-");
        if (range[0].startsWith("[")) {
          continue;
        }
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        if (slot >= from && slot <= to) {
          return true;
        }
      }
    }
    return false;
  }

  /** Polls until every node knows every master by the config epoch that master holds itself. */
  private void awaitEpochsAgreed() {
    Map<String, String> epochs = new HashMap<>();
    for (int i = 0; i < masters; i++) {
      try (Jedis master = new Jedis("127.0.0.1", ports.get(i))) {
        String[] myself = master.clusterNodes().lines().filter(l -> l.contains("myself")).findFirst().orElseThrow().split(" ");
        epochs.put(myself[0], myself[6]);
      }
    }
    for (int port : ports) {
      await("node " + port + " agrees on the masters' config epochs " + epochs, () -> {
        try (Jedis node = new Jedis("127.0.0.1", port)) {
          return node.clusterNodes().lines().map(l -> l.split(" "))
              .filter(f -> epochs.containsKey(f[0])).allMatch(f -> epochs.get(f[0]).equals(f[6]));
        }
      });
    }
  }

  /** Polls until every replica reports its link to its master up. */
  private void awaitReplicasInSync() {
    for (int i = masters; i < ports.size(); i++) {
      int port = ports.get(i);
      await("replica " + port + " in sync", () -> {
        try (Jedis replica = new Jedis("127.0.0.1", port)) {
          return replica.info("replication").contains("master_link_status:up");
        }
      });
    }
  }

  /** Polls every live node until all agree the cluster is ok and every slot is served, within {@link #READY_TIMEOUT}. */
  private void awaitHealthy() {
    List<Integer> live = IntStream.range(0, ports.size()).filter(i -> servers.get(i).isActive())
        .mapToObj(ports::get).toList();
    await("redis cluster " + live + " ok", () -> live.stream().allMatch(p -> healthy(p, ports.size())));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.fine(() -> what + ": " + e.getMessage());
      }
      // A polling interval, not a wait for time to pass: the loop ends as soon as the state is ok.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new IllegalStateException(what + ": not within " + READY_TIMEOUT);
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
