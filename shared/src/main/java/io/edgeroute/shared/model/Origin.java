package io.edgeroute.shared.model;

import io.edgeroute.shared.host.HostPort;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Where a site, route, split branch or table entry sends its requests (SPEC §3 {@code origin}).
 *
 * <p>Keeps what was written, so that a document reads back as it was stored, and what a proxy
 * needs from it, parsed once when it is made: an {@code Origin} that exists is one a proxy can
 * dial, and a request to it parses nothing. Immutable; equal when what was written is equal.
 */
public final class Origin {

  /** The placeholder in {@link #path} replaced by the request host (for wildcard sites). */
  public static final String HOST_PLACEHOLDER = "{host}";

  private final String url;
  private final String path;
  private final String connectTo;
  private final HostHeader hostHeader;
  private final OriginUrl target;
  private final String authority;
  private final HostPort dialAddress;

  /**
   * @param url        {@code http(s)://host[:port]}, required
   * @param path       prefix prepended to the request path, may contain {@code {host}}; optional
   * @param connectTo  {@code host:port} actually dialled, Host and SNI stay the url's; optional
   * @param hostHeader optional; {@code null} means not given, which behaves as {@link HostHeader#ORIGIN}
   * @throws IllegalArgumentException if {@code url} or {@code connectTo} cannot be parsed
   */
  public Origin(String url, String path, String connectTo, HostHeader hostHeader) {
    this.url = Objects.requireNonNull(url, "origin url");
    this.path = path;
    this.connectTo = connectTo;
    this.hostHeader = hostHeader;
    this.target = OriginUrl.parse(url);
    this.authority = target.authority();
    this.dialAddress = connectTo != null ? HostPort.parse(connectTo) : new HostPort(target.host(), target.port());
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

  /** @return {@code http(s)://host[:port]} as written */
  public String url() {
    return url;
  }

  /** @return the path prefix as written, or {@code null} */
  public String path() {
    return path;
  }

  /** @return the {@code host:port} dialled as written, or {@code null} */
  public String connectTo() {
    return connectTo;
  }

  /** @return the Host policy as written, or {@code null} when not given */
  public HostHeader hostHeader() {
    return hostHeader;
  }

  /** @return the parsed url */
  public OriginUrl target() {
    return target;
  }

  /** @return {@code target().authority()}: the Host the origin sees unless the site passes the visitor's */
  public String authority() {
    return authority;
  }

  /** @return {@code "http"} or {@code "https"} */
  public String scheme() {
    return target.scheme();
  }

  /**
   * @return the url's host, normalised; the TLS SNI name (the Host header, which adds a
   *     non-default port, is {@link #authority()})
   */
  public String host() {
    return target.host();
  }

  /** @return the url's port, 80 or 443 when not written */
  public int port() {
    return target.port();
  }

  public boolean isTls() {
    return target.isTls();
  }

  /** @return the address to open a connection to: {@code connectTo} when set, else the url's host and port */
  public HostPort dialAddress() {
    return dialAddress;
  }

  /** @return {@link #hostHeader}, or its default {@link HostHeader#ORIGIN} when not given */
  public HostHeader effectiveHostHeader() {
    return hostHeader == null ? HostHeader.ORIGIN : hostHeader;
  }

  /** @return {@link #path} with {@code {host}} replaced by {@code requestHost}; "" when there is no path */
  public String pathFor(String requestHost) {
    return path == null ? "" : path.replace(HOST_PLACEHOLDER, requestHost);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Origin other && url.equals(other.url) && Objects.equals(path, other.path)
        && Objects.equals(connectTo, other.connectTo) && hostHeader == other.hostHeader;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, path, connectTo, hostHeader);
  }

  @Override
  public String toString() {
    return "Origin[url=" + url + ", path=" + path + ", connectTo=" + connectTo + ", hostHeader=" + hostHeader + "]";
  }
}
