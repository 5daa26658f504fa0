package io.edgeroute.shared.model;

/** The site document of SPEC §3, copied verbatim, shared by the round-trip and validator tests. */
public final class SpecExample {

  public static final String SITE = """
      {
        "host": "myblog.com",
        "tenant": "jottings",
        "siteId": "k3v9q2m7x1bz",
        "version": 4,
        "origin": {
          "url": "https://static.example.me",
          "path": "/sites/mysite.example.me",
          "connectTo": "10.0.0.5:8443",
          "hostHeader": "origin"
        },
        "routes": [
          { "pathPrefix": "/api/", "stripPrefix": true, "origin": { "url": "http://api.internal:8081" } },
          { "pathPrefix": "/", "split": [
              { "weight": 90, "origin": { "url": "http://blue.internal" } },
              { "weight": 10, "origin": { "url": "http://green.internal" }, "label": "green" } ],
            "sticky": true }
        ],
        "dispatch": { "table": "storefronts", "idHeader": "X-Storefront-ID", "noun": "Storefront" },
        "features": { "polish": "lossy", "minify": true },
        "cache": { "enabled": true, "defaultTtl": 0, "bypassCookies": ["wordpress_logged_in_"] },
        "cacheGeneration": 0,
        "responseHeaders": { "X-Served-By": "edgeroute" }
      }
      """;

  private SpecExample() {
  }
}
