package io.edgeroute.shared.kv;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The compare-and-set writes, as Lua scripts run atomically by Redis on ONE key (so they work on a
 * cluster whatever slot the key is in). Each script reads the stored document's top-level
 * {@code version} with {@code cjson} (0 when absent or unreadable, like {@link KvVersions#of}) and
 * answers {@code {1, version}} when it wrote, {@code {0, version}} on a conflict; the delete script
 * answers {@code {2, 0}} when the key was absent.
 */
final class RedisScripts {

  /** Shared prelude: the stored value and its version. ARGV[1] is the expected version. */
  private static final String READ_VERSION = """
      local current = redis.call('GET', KEYS[1])
      local version = 0
      if current then
        local ok, doc = pcall(cjson.decode, current)
        if ok and type(doc) == 'table' and type(doc['version']) == 'number' then
          version = doc['version']
        end
      end
      local expected = tonumber(ARGV[1])
      local matches = expected == -1
        or (expected == 0 and not current)
        or (expected > 0 and current and version == expected)
      """;

  /** A script and its SHA1, the name EVALSHA knows it by. */
  record Script(String text, String sha) {
    Script(String text) {
      this(text, sha1(text));
    }
  }

  static final Script PUT = new Script(READ_VERSION + """
      if not matches then
        return {0, version}
      end
      redis.call('SET', KEYS[1], ARGV[2])
      return {1, version}
      """);

  static final Script DELETE = new Script(READ_VERSION + """
      if not current then
        return {2, 0}
      end
      if not matches then
        return {0, version}
      end
      redis.call('DEL', KEYS[1])
      return {1, version}
      """);

  static final int WRITTEN = 1;
  static final int CONFLICT = 0;
  static final int ABSENT = 2;

  private final RedisCommands commands;

  RedisScripts(RedisCommands commands) {
    this.commands = commands;
  }

  /**
   * Runs {@code script} by its SHA1 and, the first time a node has not seen it ({@code NOSCRIPT}),
   * by its text, which also loads it into that node's script cache.
   *
   * @return a future completed with the script's {@code {status, version}} reply
   */
  Future<Response> run(Redis client, Script script, String key, String... args) {
    String what = "CAS script on " + key;
    return commands.send(client, request(Command.EVALSHA, script.sha(), key, args), what)
        .recover(e -> RedisCommands.isErrorReply(e) && String.valueOf(e.getMessage()).startsWith("NOSCRIPT")
            ? commands.send(client, request(Command.EVAL, script.text(), key, args), what)
            : Future.failedFuture(e));
  }

  private static Request request(Command command, String scriptOrSha, String key, String... args) {
    Request request = Request.cmd(command).arg(scriptOrSha).arg(1).arg(key);
    for (String arg : args) {
      request.arg(arg);
    }
    return request;
  }

  static String sha1(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
