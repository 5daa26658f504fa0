package io.edgeroute.cache.response;

import io.edgeroute.shared.model.Site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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

  /** @return a rough size in bytes, for the store's weigher */
  int weight() {
    return 64 + siteId.length() + features.length() + host.length() + path.length() + query.length();
  }
}
