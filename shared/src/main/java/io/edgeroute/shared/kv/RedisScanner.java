package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link KvStore#scan} on Redis. A cluster keeps each key on one master and SCAN walks one node
 * only, so the scan visits every master in turn: the masters are read from {@code CLUSTER SLOTS}
 * and ordered by the first slot they own (stable while no slots move), and the cursor says where
 * the walk is, as {@code <nodeIndex>:<redisCursor>}. A standalone or sentinel deployment is the
 * same walk over one node.
 */
final class RedisScanner {

  /** One master: where to send its SCAN, and the lowest slot it serves, for a stable order. */
  private record Master(String host, int port, int firstSlot) {
  }

  private final Redis client;
  private final RedisClientType type;
  private final RedisNodes nodes;
  private final RedisCommands commands;
  private final String fallbackHost;

  RedisScanner(Redis client, RedisOptions options, RedisNodes nodes, RedisCommands commands) {
    this.client = client;
    this.type = options.getType();
    this.fallbackHost = URI.create(options.getEndpoint()).getHost();
    this.nodes = nodes;
    this.commands = commands;
  }

  Future<KvPage> scan(String prefix, String cursor, int count) {
    int node;
    String redisCursor;
    try {
      int colon = cursor == null ? -1 : cursor.indexOf(':');
      node = cursor == null ? 0 : Integer.parseInt(cursor.substring(0, colon));
      redisCursor = cursor == null ? "0" : cursor.substring(colon + 1);
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalArgumentException("not a scan cursor: " + cursor));
    }
    Request request = Request.cmd(Command.SCAN).arg(redisCursor)
        .arg("MATCH").arg(escapeGlob(prefix) + "*").arg("COUNT").arg(count);
    return targets().compose(targets -> {
      if (node < 0 || node >= targets.size()) {
        return Future.failedFuture(new IllegalArgumentException(
            "scan cursor " + cursor + " names node " + node + " of " + targets.size() + "; restart the scan"));
      }
      return commands.send(targets.get(node), request, "SCAN " + prefix + "*")
          .map(reply -> page(reply, node, targets.size()));
    });
  }

  private static KvPage page(Response reply, int node, int nodeCount) {
    String next = reply.get(0).toString();
    List<String> keys = new ArrayList<>();
    reply.get(1).forEach(k -> keys.add(k.toString()));
    String cursor;
    if (!"0".equals(next)) {
      cursor = node + ":" + next;
    } else if (node + 1 < nodeCount) {
      cursor = (node + 1) + ":0";
    } else {
      cursor = null;
    }
    return new KvPage(keys, cursor);
  }

  /** @return the clients to scan, in a deterministic order */
  private Future<List<Redis>> targets() {
    if (type != RedisClientType.CLUSTER) {
      return Future.succeededFuture(List.of(client));
    }
    return commands.send(client, Request.cmd(Command.CLUSTER).arg("SLOTS"), "CLUSTER SLOTS")
        .map(slots -> masters(slots, fallbackHost))
        .map(masters -> masters.stream().map(m -> nodes.client(m.host(), m.port())).toList());
  }

  /** Reads {@code CLUSTER SLOTS}: {@code [[start, end, [host, port, id], replicas...], ...]}. */
  private static List<Master> masters(Response slots, String fallbackHost) {
    Map<String, Master> byAddress = new LinkedHashMap<>();
    for (Response range : slots) {
      int start = range.get(0).toInteger();
      Response master = range.get(2);
      String host = master.get(0).toString();
      // A node that does not know its own address reports "" (or "?" on Redis 7); the configured
      // host is the best guess then, and right for every node on one host.
      if (host.isEmpty() || "?".equals(host)) {
        host = fallbackHost;
      }
      Master m = new Master(host, master.get(1).toInteger(), start);
      byAddress.merge(m.host() + ":" + m.port(), m, (a, b) -> a.firstSlot() <= b.firstSlot() ? a : b);
    }
    return byAddress.values().stream().sorted(Comparator.comparingInt(Master::firstSlot)).toList();
  }

  /** Makes {@code prefix} match itself only in a SCAN MATCH glob. */
  static String escapeGlob(String prefix) {
    StringBuilder out = new StringBuilder(prefix.length() + 8);
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
