package io.edgeroute.shared.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code routes} (SPEC §3): requests whose path starts with {@code pathPrefix} go to
 * {@code origin}, or to one branch of {@code split}. Exactly one of the two is set.
 *
 * @param pathPrefix  starts with {@code /}; plain string prefix, as an nginx prefix location
 *                    ({@code /api} also matches {@code /apiary}; write {@code /api/} to avoid it)
 * @param stripPrefix remove the prefix before forwarding (the rest keeps a leading {@code /})
 * @param origin      the single origin, or {@code null} for a split
 * @param split       the weighted branches, empty when {@code origin} is set
 * @param sticky      pin a visitor to one branch with the {@code edgeroute_split} cookie
 */
public record Route(String pathPrefix, boolean stripPrefix, Origin origin, List<SplitBranch> split, boolean sticky) {

  /** Name of the cookie that pins a visitor to one split branch. */
  public static final String STICKY_COOKIE = "edgeroute_split";

  /** @throws IllegalArgumentException unless there is a prefix and exactly one of origin and split */
  public Route {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    split = split == null ? List.of() : List.copyOf(split);
    if ((origin == null) == split.isEmpty()) {
      throw new IllegalArgumentException("route " + pathPrefix + " needs exactly one of origin and split");
    }
    if (!split.isEmpty() && split.stream().mapToLong(SplitBranch::weight).sum() <= 0) {
      throw new IllegalArgumentException("route " + pathPrefix + ": split weights must sum to more than 0");
    }
  }

  public static Route to(String pathPrefix, Origin origin) {
    return new Route(pathPrefix, false, origin, List.of(), false);
  }

  public static Route fromJson(JsonObject json) {
    JsonObject origin = JsonFields.object(json, "origin");
    return new Route(JsonFields.string(json, "pathPrefix"), JsonFields.bool(json, "stripPrefix", false),
        origin == null ? null : Origin.fromJson(origin), JsonFields.objects(json, "split", SplitBranch::fromJson),
        JsonFields.bool(json, "sticky", false));
  }

  /** Writes false flags and the unused one of origin/split not at all, as a client would. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("pathPrefix", pathPrefix);
    if (stripPrefix) {
      json.put("stripPrefix", true);
    }
    if (origin != null) {
      json.put("origin", origin.toJson());
    }
    if (!split.isEmpty()) {
      JsonArray branches = new JsonArray();
      split.forEach(b -> branches.add(b.toJson()));
      json.put("split", branches);
    }
    if (sticky) {
      json.put("sticky", true);
    }
    return json;
  }

  public boolean isSplit() {
    return origin == null;
  }

  /** @return the sum of the split weights (a long, so many large weights cannot overflow); 0 for no split */
  public long totalWeight() {
    return split.stream().mapToLong(SplitBranch::weight).sum();
  }

  /** @return whether a request path falls under this route */
  public boolean matches(String requestPath) {
    return requestPath.startsWith(pathPrefix);
  }
}
