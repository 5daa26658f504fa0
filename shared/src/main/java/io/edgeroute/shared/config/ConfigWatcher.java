package io.edgeroute.shared.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Loads the configuration file, keeps the current {@link EdgerouteOptions} snapshot and re-reads
 * the file every {@code config.scanPeriod}.
 *
 * <p>Each read merges the file over the built-in defaults with vertx-config (a {@code json} store of
 * the defaults, then a {@code file} store in {@code json} format), applies {@link EnvOverrides}, and
 * builds a whole snapshot. ConfigRetriever's own scanning is <em>not</em> used: it logs every failed
 * scan with a stack trace (an invalid file would flood the log every period) and its period is
 * fixed at creation, while ours is live. Instead a one-shot timer calls
 * {@link ConfigRetriever#getConfig()} and re-arms itself with the current period once the read is
 * done, so two reads never overlap. A scan that finds the file as the last one read it does no more.
 *
 * <p>On a valid change the snapshot is swapped and published ({@link ConfigChanges}), with the
 * changed keys logged. Changed restart-only keys are logged as {@code restart required: <key>} and
 * the published snapshot keeps their <em>running</em> values ({@link RestartOnlyKeys#keepRunning}),
 * so no component sees a value it cannot apply. An invalid file (bad JSON, bad value, unknown key)
 * or one that disappeared is refused with one log line naming the file and every problem, and the
 * running snapshot stays; the same refusal is not logged again on later scans.
 */
public final class ConfigWatcher {

  private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());

  private final Vertx vertx;
  private final String path;
  private final Map<String, String> env;
  private final AtomicReference<EdgerouteOptions> current = new AtomicReference<>();
  private Context context;
  private ConfigRetriever retriever;
  private EdgerouteOptions lastLoaded;
  private String lastRefusal;
  /** The file as the last scan read it, {@code null} when it could not be read. */
  private Buffer lastScanned;
  private long timerId = -1;
  private boolean stopped;

  /** A watcher of {@code path} using the process environment for overrides. */
  public ConfigWatcher(Vertx vertx, String path) {
    this(vertx, path, System.getenv());
  }

  /** A watcher of {@code path} using {@code env} for overrides (tests pass their own). */
  public ConfigWatcher(Vertx vertx, String path, Map<String, String> env) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.path = Objects.requireNonNull(path, "path");
    this.env = Map.copyOf(env);
  }

  /**
   * Reads the configuration for the first time and starts watching it. A missing file means the
   * built-in defaults (plus environment overrides).
   *
   * @return a future completed with the first snapshot, or failed with a
   *     {@link ConfigFileException} naming the file and every problem when the file is invalid
   */
  public Future<EdgerouteOptions> start() {
    // All state below is confined to this context: timers and reads run on its thread only.
    context = vertx.getOrCreateContext();
    Promise<EdgerouteOptions> started = Promise.promise();
    context.runOnContext(v -> load().onComplete(started));
    return started.future();
  }

  private Future<EdgerouteOptions> load() {
    retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false)
        .setScanPeriod(-1)
        .addStore(new ConfigStoreOptions().setType("json").setConfig(EdgerouteOptions.defaults().toJson()))
        .addStore(new ConfigStoreOptions().setType("file").setFormat("json")
            .setConfig(new JsonObject().put("path", path))));
    EnvOverrides.unknown(env).forEach(n -> LOG.warning("environment variable " + n + " matches no configuration key; ignored"));
    return read().compose(json -> {
      if (json == null) {
        lastRefusal = missingLine();
        LOG.info("no configuration file at " + path + "; running on the built-in defaults");
        json = EdgerouteOptions.defaults().toJson();
      }
      EdgerouteOptions first = new EdgerouteOptions(EnvOverrides.apply(json, env));
      if (lastRefusal == null) {
        LOG.info("configuration loaded from " + path);
      }
      lastLoaded = first;
      current.set(first);
      schedule();
      return Future.succeededFuture(first);
    }).recover(e -> {
      String line = ("configuration " + path + " is invalid: " + e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
      LOG.severe(line);
      return Future.failedFuture(new ConfigFileException(line));
    });
  }

  /** @return the snapshot in effect (never {@code null} once {@link #start()} succeeded) */
  public EdgerouteOptions current() {
    return current.get();
  }

  /** @return the file being watched */
  public String path() {
    return path;
  }

  /** Stops re-reading the file. */
  public void stop() {
    if (context != null) {
      context.runOnContext(v -> {
        stopped = true;
        vertx.cancelTimer(timerId);
        retriever.close();
      });
    }
  }

  /** Reads the file now, on the watcher's context, as a periodic scan would. For tests. */
  Future<Void> scanNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> scan().onComplete(done));
    return done.future();
  }

  /** @return the merged file and defaults, or {@code null} when the file does not exist */
  private Future<JsonObject> read() {
    return vertx.fileSystem().exists(path)
        .compose(exists -> exists ? retriever.getConfig() : Future.succeededFuture(null));
  }

  private void schedule() {
    Duration period = current.get().getConfig().getScanPeriod();
    if (!stopped && !period.isZero()) {
      timerId = vertx.setTimer(Math.max(1, period.toMillis()), id -> scan().onComplete(ar -> schedule()));
    }
  }

  /**
   * One scan: read, validate, and either apply or refuse. Never fails. A file byte for byte the
   * one the last scan read stops there: parsing, merging and validating an unchanged file every
   * period was the largest periodic cost on the event loop the watcher runs on.
   */
  private Future<Void> scan() {
    return vertx.fileSystem().readFile(path).transform(raw -> {
      Buffer bytes = raw.succeeded() ? raw.result() : null;
      if (bytes != null && bytes.equals(lastScanned)) {
        return Future.succeededFuture();
      }
      lastScanned = bytes;
      return parse();
    });
  }

  private Future<Void> parse() {
    return read().transform(ar -> {
      if (ar.failed()) {
        refuse("configuration " + path + " refused, keeping the running one: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        refuse(missingLine());
      } else {
        try {
          apply(new EdgerouteOptions(EnvOverrides.apply(ar.result(), env)));
        } catch (InvalidConfigException e) {
          refuse("configuration " + path + " refused, keeping the running one: " + e.getMessage());
        }
      }
      return Future.succeededFuture();
    });
  }

  private void apply(EdgerouteOptions loaded) {
    lastRefusal = null;
    if (loaded.equals(lastLoaded)) {
      return;
    }
    lastLoaded = loaded;
    EdgerouteOptions running = current.get();
    RestartOnlyKeys.changed(running, loaded).forEach(key -> LOG.warning("restart required: " + key));
    EdgerouteOptions next = RestartOnlyKeys.keepRunning(running, loaded);
    if (!next.equals(running)) {
      LOG.info("configuration changed: " + String.join(", ", running.changedKeys(next)));
      current.set(next);
      ConfigChanges.publish(vertx, next);
    }
  }

  private void refuse(String message) {
    // One line, even when a parser error message spans several.
    String line = message.replaceAll("\\s*\\R\\s*", " ");
    if (!line.equals(lastRefusal)) {
      lastRefusal = line;
      LOG.warning(line);
    }
  }

  private String missingLine() {
    return "configuration file " + path + " not found; keeping the running configuration";
  }
}
