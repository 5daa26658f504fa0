package io.edgeroute.shared.model;

import io.edgeroute.shared.host.HostPort;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Where a site, route, split branch or table entry sends its requests (SPEC §3 {@code origin}).
 *
 * <p>The record keeps what was written so that a document reads back as it was stored; the
 * compact constructor still parses {@code url} and {@code connectTo}, so an {@code Origin} that
 * exists is one a proxy can dial. The helpers parse again on each call (a few string scans); a hot
 * path should take {@link #target()} and {@link #dialAddress()} once into its routing snapshot.
 *
 * @param url        {@code http(s)://host[:port]}, required
 * @param path       prefix prepended to the request path, may contain {@code {host}}; optional
 * @param connectTo  {@code host:port} actually dialled, Host and SNI stay the url's; optional
 * @param hostHeader optional; {@code null} means not given, which behaves as {@link HostHeader#ORIGIN}
 */
public record Origin(String url, String path, String connectTo, HostHeader hostHeader) {

  /** The placeholder in {@link #path} replaced by the request host (for wildcard sites). */
  public static final String HOST_PLACEHOLDER = "{host}";

  /** @throws IllegalArgumentException if {@code url} or {@code connectTo} cannot be parsed */
  public Origin {
    Objects.requireNonNull(url, "origin url");
    OriginUrl.parse(url);
    if (connectTo != null) {
      HostPort.parse(connectTo);
    }
  }

  public static Origin of(String url) {
    return new Origin(url, null, null, null);
  }

  /** @throws IllegalArgumentException on a missing url or a field of the wrong type */
  public static Origin fromJson(JsonObject json) {
    return new Origin(JsonFields.string(json, "url"), JsonFields.string(json, "path"),
        JsonFields.string(json, "connectTo"), HostHeader.fromWire(JsonFields.string(json, "hostHeader")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("url", url);
    if (path != null) {
      json.put("path", path);
    }
    if (connectTo != null) {
      json.put("connectTo", connectTo);
    }
    if (hostHeader != null) {
      json.put("hostHeader", hostHeader.wire());
    }
    return json;
  }

  /** @return the parsed url */
  public OriginUrl target() {
    return OriginUrl.parse(url);
  }

  /** @return {@code "http"} or {@code "https"} */
  public String scheme() {
    return target().scheme();
  }

  /**
   * @return the url's host, normalised; the TLS SNI name (the Host header, which adds a
   *     non-default port, is {@code target().authority()})
   */
  public String host() {
    return target().host();
  }

  /** @return the url's port, 80 or 443 when not written */
  public int port() {
    return target().port();
  }

  public boolean isTls() {
    return target().isTls();
  }

  /** @return the address to open a connection to: {@code connectTo} when set, else the url's host and port */
  public HostPort dialAddress() {
    if (connectTo != null) {
      return HostPort.parse(connectTo);
    }
    OriginUrl t = target();
    return new HostPort(t.host(), t.port());
  }

  /** @return {@link #hostHeader}, or its default {@link HostHeader#ORIGIN} when not given */
  public HostHeader effectiveHostHeader() {
    return hostHeader == null ? HostHeader.ORIGIN : hostHeader;
  }

  /** @return {@link #path} with {@code {host}} replaced by {@code requestHost}; "" when there is no path */
  public String pathFor(String requestHost) {
    return path == null ? "" : path.replace(HOST_PLACEHOLDER, requestHost);
  }
}
