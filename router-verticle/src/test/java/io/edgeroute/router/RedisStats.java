package io.edgeroute.router;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * What Redis itself says it did, read from the servers rather than from the app's own counters:
 * {@code INFO commandstats} and {@code PUBSUB NUMSUB}, summed over the given nodes (one for
 * standalone, every master for a cluster); and a way to make them slow.
 */
final class RedisStats {

  private static final Pattern GET_CALLS = Pattern.compile("(?m)^cmdstat_get:calls=(\\d+)");
  private static final Pattern MGET_CALLS = Pattern.compile("(?m)^cmdstat_mget:calls=(\\d+)");

  private final List<Integer> ports;

  RedisStats(List<Integer> ports) {
    this.ports = List.copyOf(ports);
  }

  /** @return the GET commands the nodes have executed since they started (or since a restart) */
  long getCalls() {
    return calls(GET_CALLS);
  }

  /** @return the MGET commands the nodes have executed since they started (or since a restart) */
  long mgetCalls() {
    return calls(MGET_CALLS);
  }

  private long calls(Pattern command) {
    long total = 0;
    for (int port : ports) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        Matcher m = command.matcher(jedis.info("commandstats"));
        total += m.find() ? Long.parseLong(m.group(1)) : 0;
      }
    }
    return total;
  }

  /** Makes every node hold all client commands for {@code ms} (CLIENT PAUSE): a Redis that is up but slow. */
  void pause(long ms) {
    for (int port : ports) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        jedis.clientPause(ms);
      }
    }
  }

  /** Waits until every node answers again after a {@link #pause} (a PING held until the pause ends). */
  void awaitAnswering() {
    for (int port : ports) {
      try (Jedis jedis = new Jedis("127.0.0.1", port, 30_000)) {
        jedis.ping();
      }
    }
  }

  /** @return the subscribers of {@code channel} over all the nodes; nodes that are down count 0 */
  long subscribers(String channel) {
    long total = 0;
    for (int port : ports) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        total += Long.parseLong(jedis.pubsubNumSub(channel).getOrDefault(channel, "0"));
      } catch (RuntimeException e) {
        // down or still starting: no subscriber there yet
      }
    }
    return total;
  }
}
