package io.edgeroute.cache.response;

import io.edgeroute.shared.model.CacheSettings;
import io.edgeroute.shared.model.Site;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Map;

/** Sites and requests for the tests: one cached site, "s1" on example.com. */
final class Requests {

  static final Site SITE = new Site("example.com", "t", "s1", 1, null, null, null, Map.of("polish", "lossy"),
      new CacheSettings(true, 0, List.of("wordpress_logged_in_")), 0, null);

  private Requests() {
  }

  static CacheRequest get(String pathAndQuery, String... headerPairs) {
    return request("GET", SITE, pathAndQuery, headerPairs);
  }

  static CacheRequest request(String method, Site site, String pathAndQuery, String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    return new CacheRequest(method, "http", "example.com", path, query, headers, site);
  }

  static MultiMap headers(String... pairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      headers.add(pairs[i], pairs[i + 1]);
    }
    return headers;
  }
}
