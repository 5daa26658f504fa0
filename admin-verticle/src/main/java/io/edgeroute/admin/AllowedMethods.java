package io.edgeroute.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Allow} header of a 405 (RFC 9110 §15.5.6): the methods the router's routes accept on
 * the request's path. vert.x-web knows them while matching but keeps them internal, so they are
 * read back from the mounted routes' paths ({@code /v1/sites/:host}).
 */
final class AllowedMethods {

  private static final Pattern PARAM = Pattern.compile(":[A-Za-z0-9_]+");

  private record PathMethods(Pattern path, Set<HttpMethod> methods) {
  }

  private final List<PathMethods> routes = new ArrayList<>();

  /** Reads the routes mounted on {@code router} so far. */
  AllowedMethods(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty() && !route.getPath().endsWith("*")) {
        routes.add(new PathMethods(pattern(route.getPath()), route.methods()));
      }
    }
  }

  /** Error handler for 405: sets {@code Allow}, then answers the problem like every other failure. */
  void handle(RoutingContext ctx) {
    String allow = allowed(ctx.request().path());
    if (!allow.isEmpty()) {
      ctx.response().putHeader("Allow", allow);
    }
    ProblemResponder.handle(ctx);
  }

  /** @return the methods accepted on {@code path}, comma-separated and sorted; empty for none */
  String allowed(String path) {
    Set<String> methods = new TreeSet<>();
    for (PathMethods route : routes) {
      if (route.path().matcher(path).matches()) {
        route.methods().forEach(m -> methods.add(m.name()));
      }
    }
    return String.join(", ", methods);
  }

  private static Pattern pattern(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher param = PARAM.matcher(path);
    int last = 0;
    while (param.find()) {
      regex.append(Pattern.quote(path.substring(last, param.start()))).append("[^/]+");
      last = param.end();
    }
    regex.append(Pattern.quote(path.substring(last))).append("/?");
    return Pattern.compile(regex.toString());
  }
}
