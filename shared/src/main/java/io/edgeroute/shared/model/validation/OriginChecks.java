package io.edgeroute.shared.model.validation;

import io.edgeroute.shared.host.HostPort;
import io.edgeroute.shared.model.HostHeader;
import io.edgeroute.shared.model.OriginUrl;
import io.vertx.core.json.JsonObject;

import java.util.Set;

import static io.edgeroute.shared.model.validation.ValidationProblem.child;

/** Checks one raw {@code origin} object; shared by sites, routes, split branches and entries. */
final class OriginChecks {

  private static final Set<String> FIELDS = Set.of("url", "path", "connectTo", "hostHeader");

  private final boolean allowPrivateOrigins;

  OriginChecks(boolean allowPrivateOrigins) {
    this.allowPrivateOrigins = allowPrivateOrigins;
  }

  /** Checks {@code parent[key]} as an origin; reports it at {@code pointer/key} when required and absent. */
  void check(Problems problems, JsonObject parent, String key, String pointer, boolean required) {
    JsonObject origin = problems.object(parent, key, pointer, required);
    if (origin == null) {
      return;
    }
    String at = child(pointer, key);
    problems.unknownFields(origin, at, FIELDS);
    String url = problems.string(origin, "url", at, true);
    if (url != null) {
      try {
        refusePrivate(problems, child(at, "url"), OriginUrl.parse(url).host());
      } catch (IllegalArgumentException e) {
        problems.add(child(at, "url"), e.getMessage());
      }
    }
    String path = problems.string(origin, "path", at, false);
    if (path != null) {
      Paths.check(problems, child(at, "path"), path);
    }
    String connectTo = problems.string(origin, "connectTo", at, false);
    if (connectTo != null) {
      try {
        refusePrivate(problems, child(at, "connectTo"), HostPort.parse(connectTo).host());
      } catch (IllegalArgumentException e) {
        problems.add(child(at, "connectTo"), "must be host:port or [ipv6]:port: " + e.getMessage());
      }
    }
    String hostHeader = problems.string(origin, "hostHeader", at, false);
    if (hostHeader != null) {
      try {
        HostHeader.fromWire(hostHeader);
      } catch (IllegalArgumentException e) {
        problems.add(child(at, "hostHeader"), "must be \"origin\" or \"client\"");
      }
    }
  }

  private void refusePrivate(Problems problems, String pointer, String host) {
    if (allowPrivateOrigins) {
      return;
    }
    String reason = OriginPolicy.privateReason(host);
    if (reason != null) {
      problems.add(pointer, host + " is " + reason + "; private origins are not allowed here");
    }
  }
}
