package io.edgeroute.cache.response;

import io.edgeroute.shared.model.Site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The first level of the cache key (SPEC §6): everything but the {@code Vary}-selected request
 * headers. The site id, {@code cacheGeneration} and {@code features} are in it so that a settings
 * change or a whole-site purge makes the next request a miss without touching stored entries (seed
 * 002); GET and HEAD share one method class because HEAD is answered from the GET entry.
 *
 * @param siteId      the site's random id ({@code host:<host>} for a site document without one)
 * @param generation  the site's {@code cacheGeneration}
 * @param features    {@link Site#featuresKey()}
 * @param methodClass {@code GET} for GET and HEAD
 * @param scheme      {@code http} or {@code https}
 * @param host        the request host
 * @param path        the request path
 * @param query       the query with its parameters sorted by name (stable), {@code ""} for none
 */
public record PrimaryKey(String siteId, long generation, String features, String methodClass, String scheme,
                         String host, String path, String query) {

  public PrimaryKey {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(methodClass, "methodClass");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
  }

  /** @return the key of a GET or HEAD request */
  public static PrimaryKey of(CacheRequest request) {
    Site site = request.site();
    String siteId = site.siteId() != null ? site.siteId() : "host:" + request.host();
    return new PrimaryKey(siteId, site.cacheGeneration(), site.featuresKey(), methodClass(request.method()),
        request.scheme().toLowerCase(Locale.ROOT), request.host().toLowerCase(Locale.ROOT), request.path(),
        sortedQuery(request.query()));
  }

  static String methodClass(String method) {
    return "HEAD".equals(method) ? "GET" : method;
  }

  /**
   * Sorts parameters by name only, keeping repeated names in their sent order ({@code a=2&a=1}
   * may mean something different from {@code a=1&a=2} to the origin). Encoding is left as sent.
   */
  static String sortedQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    List<String> params = new ArrayList<>(Arrays.asList(query.split("&")));
    params.removeIf(String::isEmpty);
    params.sort(Comparator.comparing(PrimaryKey::paramName));
    return String.join("&", params);
  }

  private static String paramName(String param) {
    int eq = param.indexOf('=');
    return eq < 0 ? param : param.substring(0, eq);
  }

  // Written out rather than left to the record's generated methods: every hit hashes and compares a
  // key twice (Vary names, then the variant), and the fields that differ most between keys (path,
  // host) are compared first.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof PrimaryKey k && generation == k.generation && path.equals(k.path)
        && host.equals(k.host) && siteId.equals(k.siteId) && query.equals(k.query) && features.equals(k.features)
        && methodClass.equals(k.methodClass) && scheme.equals(k.scheme);
  }

  @Override
  public int hashCode() {
    int h = siteId.hashCode();
    h = 31 * h + Long.hashCode(generation);
    h = 31 * h + features.hashCode();
    h = 31 * h + methodClass.hashCode();
    h = 31 * h + scheme.hashCode();
    h = 31 * h + host.hashCode();
    h = 31 * h + path.hashCode();
    return 31 * h + query.hashCode();
  }

  /** @return a rough size in bytes, for the store's weigher */
  int weight() {
    return 64 + siteId.length() + features.length() + host.length() + path.length() + query.length();
  }
}
