package io.edgeroute.shared.kv;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The on-disk form of the {@link MemoryKvStore}: one JSON object
 * {@code {"values": {key: value}, "sets": {key: [members]}}}. Every method blocks: call them from a
 * worker, never from an event loop.
 */
final class MemoryKvFile {

  /** What a file holds, as plain sorted maps. */
  record Contents(NavigableMap<String, String> values, NavigableMap<String, NavigableSet<String>> sets) {
    static Contents empty() {
      return new Contents(new TreeMap<>(), new TreeMap<>());
    }
  }

  private final Path file;

  MemoryKvFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path path() {
    return file;
  }

  /**
   * @return the contents, empty when the file does not exist yet
   * @throws IllegalStateException naming the file when it cannot be read or is not in the expected
   *     form; the store must not start over an unreadable file and later overwrite it
   */
  Contents read() {
    if (!Files.exists(file)) {
      return Contents.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read KV file " + file + ": " + e.getMessage(), e);
    }
    try {
      return decode(new JsonObject(text));
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalStateException("KV file " + file + " is corrupt (" + e.getMessage()
          + "); restore it from a backup or move it away to start empty", e);
    }
  }

  /** Writes a temp file beside the target and renames it over the target in one atomic step. */
  void write(Map<String, String> values, Map<String, ? extends Iterable<String>> sets) {
    JsonObject json = new JsonObject().put("values", new JsonObject()).put("sets", new JsonObject());
    values.forEach((k, v) -> json.getJsonObject("values").put(k, v));
    sets.forEach((k, members) -> {
      JsonArray array = new JsonArray();
      members.forEach(array::add);
      json.getJsonObject("sets").put(k, array);
    });
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(tmp, json.encode(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write KV file " + file, e);
    }
  }

  private static Contents decode(JsonObject json) {
    Contents contents = Contents.empty();
    JsonObject values = json.getJsonObject("values", new JsonObject());
    for (String key : values.fieldNames()) {
      String value = values.getString(key);
      if (value == null) {
        throw new IllegalArgumentException("value of " + key + " is not a string");
      }
      contents.values().put(key, value);
    }
    JsonObject sets = json.getJsonObject("sets", new JsonObject());
    for (String key : sets.fieldNames()) {
      NavigableSet<String> members = new TreeSet<>();
      for (Object member : sets.getJsonArray(key)) {
        if (!(member instanceof String s)) {
          throw new IllegalArgumentException("member of set " + key + " is not a string: " + member);
        }
        members.add(s);
      }
      contents.sets().put(key, members);
    }
    return contents;
  }
}
