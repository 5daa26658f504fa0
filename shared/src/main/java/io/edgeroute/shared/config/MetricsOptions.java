package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;

/**
 * Block {@code metrics}: what {@code /metrics} on the admin listener exposes (SPEC §8). Read at
 * start; a change is logged as "restart required".
 */
public class MetricsOptions {

  static final String PATH = "metrics";

  /** Default {@code metrics.enabled} = {@value}: Vert.x and Edgeroute meters, {@code /metrics} answers. */
  public static final boolean DEFAULT_ENABLED = true;
  /**
   * Default {@code metrics.perHost} = {@value}: no {@code host} label, so the number of series does
   * not grow with the number of sites. Turn on only for a bounded set of hosts.
   */
  public static final boolean DEFAULT_PER_HOST = false;
  /**
   * Default {@code metrics.originRequests} = {@value}: no Vert.x HTTP-client meters per origin
   * request ({@code edgeroute_vertx_http_client_*}). They cost about 5 % of the proxied path's CPU
   * (a meter lookup per request and response) and repeat what {@code edgeroute_origin_duration_seconds}
   * and {@code edgeroute_origin_errors_total} already tell.
   */
  public static final boolean DEFAULT_ORIGIN_REQUESTS = false;
  /**
   * Default {@code metrics.visitorRequests} = {@value}: no Vert.x HTTP-server meters per visitor
   * request ({@code edgeroute_vertx_http_server_*}). Vert.x registers a gauge and looks up tagged
   * meters on every request (about 6 % of the proxied path's CPU), and
   * {@code edgeroute_requests_total}, {@code edgeroute_request_duration_seconds} and
   * {@code edgeroute_connections_open} already tell the same.
   */
  public static final boolean DEFAULT_VISITOR_REQUESTS = false;

  private boolean enabled = DEFAULT_ENABLED;
  private boolean perHost = DEFAULT_PER_HOST;
  private boolean originRequests = DEFAULT_ORIGIN_REQUESTS;
  private boolean visitorRequests = DEFAULT_VISITOR_REQUESTS;

  public MetricsOptions() {
  }

  public MetricsOptions(MetricsOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public MetricsOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  MetricsOptions(ConfigReader in, boolean strict) {
    enabled = in.bool("enabled", DEFAULT_ENABLED);
    perHost = in.bool("perHost", DEFAULT_PER_HOST);
    originRequests = in.bool("originRequests", DEFAULT_ORIGIN_REQUESTS);
    visitorRequests = in.bool("visitorRequests", DEFAULT_VISITOR_REQUESTS);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public MetricsOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public boolean isPerHost() {
    return perHost;
  }

  public MetricsOptions setPerHost(boolean perHost) {
    this.perHost = perHost;
    return this;
  }

  public boolean isOriginRequests() {
    return originRequests;
  }

  public MetricsOptions setOriginRequests(boolean originRequests) {
    this.originRequests = originRequests;
    return this;
  }

  public boolean isVisitorRequests() {
    return visitorRequests;
  }

  public MetricsOptions setVisitorRequests(boolean visitorRequests) {
    this.visitorRequests = visitorRequests;
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("perHost", perHost).put("originRequests", originRequests)
        .put("visitorRequests", visitorRequests);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsOptions && toJson().equals(((MetricsOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
