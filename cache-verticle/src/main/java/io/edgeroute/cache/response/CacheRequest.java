package io.edgeroute.cache.response;

import io.edgeroute.shared.model.Site;
import io.vertx.core.MultiMap;

import java.util.Objects;

/**
 * A visitor's request as the response cache sees it: what the key is built from, plus the headers
 * that decide bypass, {@code Vary} selection, {@code Authorization} and conditionals.
 *
 * @param method  request method, upper case as sent
 * @param scheme  {@code http} or {@code https}, as the visitor used
 * @param host    the normalised request host (not the origin's)
 * @param path    the visitor's path, before any origin rewrite; purge speaks these paths
 * @param query   raw query string without {@code ?}, or {@code null}
 * @param headers the visitor's request headers (case-insensitive)
 * @param site    the site snapshot the router resolved for this request
 */
public record CacheRequest(String method, String scheme, String host, String path, String query,
                           MultiMap headers, Site site) {

  public CacheRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(site, "site");
    scheme = scheme == null ? "http" : scheme;
    path = path == null || path.isEmpty() ? "/" : path;
  }

  public boolean isHead() {
    return "HEAD".equals(method);
  }

  /** @return a copy whose headers are replaced, e.g. with the conditionals removed for the origin */
  public CacheRequest withHeaders(MultiMap newHeaders) {
    return new CacheRequest(method, scheme, host, path, query, newHeaders, site);
  }

  /** @return a copy with another method, e.g. GET for the background refresh of a HEAD hit */
  public CacheRequest withMethod(String newMethod) {
    return new CacheRequest(newMethod, scheme, host, path, query, headers, site);
  }

  /** @return the path with {@code ?query} when there is one, as an origin request target */
  public String pathAndQuery() {
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }
}
