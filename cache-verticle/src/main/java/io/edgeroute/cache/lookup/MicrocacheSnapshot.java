package io.edgeroute.cache.lookup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last-known-good lookups on disk ({@code kv.cache.snapshotFile}), so that a node restarted
 * while Redis is down still routes every host it knew. One {@link Lookup#toJson()} per line
 * (JSON Lines: streamed both ways, whatever the cache size). Written whole to a temporary file
 * beside it and renamed over it, so a crash mid-write leaves the previous snapshot intact. All
 * file work runs on a worker thread, never on the event loop.
 */
public final class MicrocacheSnapshot {

  private static final Logger LOG = Logger.getLogger(MicrocacheSnapshot.class.getName());

  private final Vertx vertx;
  private final Microcache microcache;
  private final AtomicBoolean writing = new AtomicBoolean();

  public MicrocacheSnapshot(Vertx vertx, Microcache microcache) {
    this.vertx = vertx;
    this.microcache = microcache;
  }

  /**
   * Adds the lookups of the configured file to the cache (entries already cached win).
   *
   * @return a future completed with the number of lookups read: 0 when no file is configured or it
   *     does not exist yet; an unreadable file is logged and counts as empty, never failing the start
   */
  public Future<Integer> restore() {
    Path file = file();
    if (file == null) {
      return Future.succeededFuture(0);
    }
    return vertx.executeBlocking(() -> {
      List<Lookup> lookups = read(file);
      microcache.restore(lookups);
      return lookups.size();
    }, false).onSuccess(n -> LOG.info(() -> "microcache restored " + n + " lookups from " + file))
        .recover(e -> {
          LOG.log(Level.WARNING, "ignoring unreadable microcache snapshot " + file + ": " + e.getMessage());
          return Future.succeededFuture(0);
        });
  }

  /**
   * Writes the snapshot if positive entries changed since the last write and no write is running.
   *
   * @return a future completed with whether a snapshot was written; a failed write is logged, and
   *     the entries stay marked so the next call tries again
   */
  public Future<Boolean> writeIfDirty() {
    Path file = file();
    if (file == null || !writing.compareAndSet(false, true)) {
      return Future.succeededFuture(false);
    }
    if (!microcache.takeDirty()) {
      writing.set(false);
      return Future.succeededFuture(false);
    }
    return vertx.executeBlocking(() -> {
      write(file, microcache.positives());
      return true;
    }, false).recover(e -> {
      LOG.log(Level.WARNING, "cannot write microcache snapshot " + file + ": " + e.getMessage());
      microcache.markDirty();
      return Future.succeededFuture(false);
    }).onComplete(done -> writing.set(false));
  }

  private Path file() {
    String name = microcache.options().getSnapshotFile();
    return name == null || name.isBlank() ? null : Path.of(name);
  }

  private List<Lookup> read(Path file) throws IOException {
    List<Lookup> lookups = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          lookups.add(Lookup.fromJson(new JsonObject(line), microcache.decoder()));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return lookups;
  }

  private static void write(Path file, List<Lookup> lookups) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        for (Lookup lookup : lookups) {
          out.write(lookup.toJson().encode());
          out.newLine();
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
