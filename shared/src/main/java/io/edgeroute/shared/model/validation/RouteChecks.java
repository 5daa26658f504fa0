package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.edgeroute.shared.model.validation.ValidationProblem.child;

/** Checks the raw {@code routes} array of a site. */
final class RouteChecks {

  private static final Set<String> ROUTE_FIELDS = Set.of("pathPrefix", "stripPrefix", "origin", "split", "sticky");
  private static final Set<String> BRANCH_FIELDS = Set.of("weight", "origin", "label");

  /** Upper bound of one weight, so that summing any realistic number of them fits an int. */
  static final int MAX_WEIGHT = 1_000_000;

  /** Labels end up in the {@code edgeroute_split} cookie, so they are cookie-safe tokens. */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final OriginChecks origins;

  RouteChecks(OriginChecks origins) {
    this.origins = origins;
  }

  /** @return whether some valid route has {@code pathPrefix} "/" and so catches every request */
  boolean check(Problems problems, JsonArray routes, String pointer) {
    boolean coversAll = false;
    List<String> earlier = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      String at = child(pointer, i);
      if (!(routes.getValue(i) instanceof JsonObject route)) {
        problems.add(at, "must be an object");
        earlier.add(null);
        continue;
      }
      String prefix = route(problems, route, at);
      if (prefix == null) {
        // Keep indexes aligned with the array; an unusable prefix shadows nothing.
        earlier.add(null);
        continue;
      }
      for (int j = 0; j < earlier.size(); j++) {
        String before = earlier.get(j);
        if (before != null && prefix.startsWith(before)) {
          problems.add(child(at, "pathPrefix"), "never matches: " + child(pointer, j) + " (pathPrefix \""
              + before + "\") comes first and covers it");
          break;
        }
      }
      earlier.add(prefix);
      coversAll |= prefix.equals("/");
    }
    return coversAll;
  }

  /** @return the route's pathPrefix when it is usable, else {@code null} */
  private String route(Problems problems, JsonObject route, String at) {
    problems.unknownFields(route, at, ROUTE_FIELDS);
    String prefix = problems.string(route, "pathPrefix", at, true);
    int before = problems.count();
    if (prefix != null) {
      Paths.check(problems, child(at, "pathPrefix"), prefix);
    }
    boolean prefixOk = prefix != null && problems.count() == before;
    problems.bool(route, "stripPrefix", at);
    problems.bool(route, "sticky", at);
    boolean hasOrigin = route.getValue("origin") != null;
    boolean hasSplit = route.getValue("split") != null;
    if (hasOrigin == hasSplit) {
      problems.add(at, "a route needs exactly one of \"origin\" and \"split\"");
    }
    origins.check(problems, route, "origin", at, false);
    JsonArray split = problems.array(route, "split", at);
    if (split != null) {
      split(problems, split, child(at, "split"));
    }
    return prefixOk ? prefix : null;
  }

  private void split(Problems problems, JsonArray split, String at) {
    if (split.isEmpty()) {
      problems.add(at, "must have at least one branch");
      return;
    }
    long total = 0;
    boolean weightsOk = true;
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < split.size(); i++) {
      String here = child(at, i);
      if (!(split.getValue(i) instanceof JsonObject branch)) {
        problems.add(here, "must be an object");
        weightsOk = false;
        continue;
      }
      problems.unknownFields(branch, here, BRANCH_FIELDS);
      Long weight = problems.wholeNumber(branch, "weight", here, true, 0, MAX_WEIGHT);
      if (weight == null) {
        weightsOk = false;
      } else {
        total += weight;
      }
      origins.check(problems, branch, "origin", here, true);
      String label = problems.string(branch, "label", here, false);
      if (label != null && !LABEL.matcher(label).matches()) {
        problems.add(child(here, "label"), "must be 1 to 64 letters, digits, '.', '_' or '-'");
      } else if (label != null && !labels.add(label)) {
        problems.add(child(here, "label"), "label \"" + label + "\" is used by another branch");
      }
    }
    if (weightsOk && total <= 0) {
      problems.add(at, "split weights must sum to more than 0");
    }
  }
}
