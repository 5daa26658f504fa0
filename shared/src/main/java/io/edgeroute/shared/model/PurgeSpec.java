package io.edgeroute.shared.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What a purge removes from the response cache (SPEC §6): exact paths, path prefixes (written
 * {@code /blog/*} or {@code /blog/}), origin {@code Cache-Tag} values, or everything of the site.
 */
public record PurgeSpec(List<String> paths, List<String> prefixes, List<String> tags, boolean all) {

  public PurgeSpec {
    paths = paths == null ? List.of() : List.copyOf(paths);
    prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public static PurgeSpec everything() {
    return new PurgeSpec(List.of(), List.of(), List.of(), true);
  }

  public boolean isEmpty() {
    return !all && paths.isEmpty() && prefixes.isEmpty() && tags.isEmpty();
  }

  public static PurgeSpec fromJson(JsonObject json) {
    return new PurgeSpec(strings(json.getJsonArray("paths")), strings(json.getJsonArray("prefixes")),
        strings(json.getJsonArray("tags")), json.getBoolean("all", false));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("paths", new JsonArray(paths))
        .put("prefixes", new JsonArray(prefixes))
        .put("tags", new JsonArray(tags))
        .put("all", all);
  }

  private static List<String> strings(JsonArray array) {
    if (array == null) {
      return List.of();
    }
    return array.stream().map(String::valueOf).toList();
  }
}
