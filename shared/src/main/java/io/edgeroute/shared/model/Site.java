package io.edgeroute.shared.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site document stored under {@code edgeroute:site:<host>} (SPEC §3).
 *
 * <p>{@code fromJson} is tolerant (unknown fields are ignored, defaults filled) because it also
 * reads documents a platform wrote directly; client input goes through
 * {@code validation.SiteValidator} first. {@code toJson} omits what is absent or empty, and
 * {@code fromJson(s.toJson()).equals(s)} holds for every site.
 *
 * @param host            normalised host or {@code *.<parent>}; set by the server from the URL
 * @param tenant          owning tenant; set by the server from the token
 * @param siteId          random id, part of the cache key; set by the server
 * @param version         incremented on every write; set by the server
 * @param origin          default origin when no route matches; may be {@code null} with dispatch or a {@code /} route
 * @param routes          first matching {@code pathPrefix} wins
 * @param dispatch        first-path-segment dispatch into a table, or {@code null}
 * @param features        flat scalars in insertion order; see {@link #featuresKey()}
 * @param cache           never {@code null}; {@link CacheSettings#DEFAULT} when absent
 * @param cacheGeneration bumped by a whole-site purge; set by the server
 * @param responseHeaders added to every response, in insertion order
 * @param tls             never {@code null}; {@link TlsSettings#DEFAULT} when absent (SPEC §9)
 * @param status          {@link #ACTIVE}, {@link #PENDING} or {@link #FAILED}; set by the server;
 *                        {@link #ACTIVE} when absent (a platform writing the KV has proven ownership)
 * @param verification    how a pending site proves its host, or {@code null}; set by the server
 * @param tenantOrigins   {@code "tenantOrigins": true}: a tenant token set the origins, so the router
 *                        refuses to dial them on a private address (SPEC §4a); set by the server,
 *                        absent (false) for the operator's and for documents a platform writes
 * @param featuresHeader  the request header that carries {@code features} to the origin as an RFC 8941
 *                        dictionary, or {@code null} for none (SPEC §3)
 */
public record Site(String host, String tenant, String siteId, long version, Origin origin, List<Route> routes,
                   Dispatch dispatch, Map<String, Object> features, CacheSettings cache, long cacheGeneration,
                   Map<String, String> responseHeaders, TlsSettings tls, String status,
                   HostVerification verification, boolean tenantOrigins, String featuresHeader) {

  /** The only status that routes and gets certificates. */
  public static final String ACTIVE = "active";
  /** Ownership not proven yet (SPEC §7). */
  public static final String PENDING = "pending";
  /** Ownership was not proven in time. */
  public static final String FAILED = "failed";

  /** @throws IllegalArgumentException if a feature value is not a string, number or boolean */
  public Site {
    routes = routes == null ? List.of() : List.copyOf(routes);
    features = scalarFeatures(features);
    cache = cache == null ? CacheSettings.DEFAULT : cache;
    responseHeaders = JsonFields.orderedCopy(responseHeaders);
    tls = tls == null ? TlsSettings.DEFAULT : tls;
    status = status == null ? ACTIVE : status;
  }

  /** A site with the default {@code tls} block, active. */
  public Site(String host, String tenant, String siteId, long version, Origin origin, List<Route> routes,
              Dispatch dispatch, Map<String, Object> features, CacheSettings cache, long cacheGeneration,
              Map<String, String> responseHeaders) {
    this(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration, responseHeaders,
        null, null, null, false, null);
  }

  /** A site without {@code featuresHeader}, active, with the default {@code tls} block. */
  public Site(String host, String tenant, String siteId, long version, Origin origin, List<Route> routes,
              Dispatch dispatch, Map<String, Object> features, CacheSettings cache, long cacheGeneration,
              Map<String, String> responseHeaders, String featuresHeader) {
    this(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration, responseHeaders,
        null, null, null, false, featuresHeader);
  }

  /** A site whose origins the operator set ({@code tenantOrigins} false). */
  public Site(String host, String tenant, String siteId, long version, Origin origin, List<Route> routes,
              Dispatch dispatch, Map<String, Object> features, CacheSettings cache, long cacheGeneration,
              Map<String, String> responseHeaders, TlsSettings tls, String status, HostVerification verification) {
    this(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration, responseHeaders,
        tls, status, verification, false, null);
  }

  /** @return whether the site routes and may get certificates */
  public boolean active() {
    return ACTIVE.equals(status);
  }

  /** @throws IllegalArgumentException on a field of the wrong type or an unparseable origin */
  public static Site fromJson(JsonObject json) {
    JsonObject origin = JsonFields.object(json, "origin");
    JsonObject dispatch = JsonFields.object(json, "dispatch");
    JsonObject features = JsonFields.object(json, "features");
    JsonObject cache = JsonFields.object(json, "cache");
    JsonObject tls = JsonFields.object(json, "tls");
    JsonObject verification = json.getValue("verification") instanceof JsonObject v ? v : null;
    return new Site(JsonFields.string(json, "host"), JsonFields.string(json, "tenant"),
        JsonFields.string(json, "siteId"), JsonFields.number(json, "version", 0),
        origin == null ? null : Origin.fromJson(origin),
        JsonFields.objects(json, "routes", Route::fromJson),
        dispatch == null ? null : Dispatch.fromJson(dispatch),
        features == null ? Map.of() : features.getMap(),
        cache == null ? null : CacheSettings.fromJson(cache),
        JsonFields.number(json, "cacheGeneration", 0),
        JsonFields.stringMap(json, "responseHeaders"),
        tls == null ? null : TlsSettings.fromJson(tls),
        json.getValue("status") instanceof String status ? status : null,
        verification == null ? null : HostVerification.fromJson(verification),
        Boolean.TRUE.equals(json.getValue("tenantOrigins")),
        JsonFields.string(json, "featuresHeader"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    putIfPresent(json, "host", host);
    putIfPresent(json, "tenant", tenant);
    putIfPresent(json, "siteId", siteId);
    json.put("version", version);
    if (origin != null) {
      json.put("origin", origin.toJson());
    }
    if (!routes.isEmpty()) {
      JsonArray array = new JsonArray();
      routes.forEach(r -> array.add(r.toJson()));
      json.put("routes", array);
    }
    if (dispatch != null) {
      json.put("dispatch", dispatch.toJson());
    }
    if (!features.isEmpty()) {
      json.put("features", JsonFields.toJsonObject(features));
    }
    if (!cache.equals(CacheSettings.DEFAULT)) {
      json.put("cache", cache.toJson());
    }
    json.put("cacheGeneration", cacheGeneration);
    if (!responseHeaders.isEmpty()) {
      json.put("responseHeaders", JsonFields.toJsonObject(responseHeaders));
    }
    if (!tls.equals(TlsSettings.DEFAULT)) {
      json.put("tls", tls.toJson());
    }
    if (!active()) {
      // Omitted when active, like every other default: absent means active (a platform's own write).
      json.put("status", status);
    }
    if (verification != null) {
      json.put("verification", verification.toJson(host));
    }
    if (tenantOrigins) {
      json.put("tenantOrigins", true);
    }
    putIfPresent(json, "featuresHeader", featuresHeader);
    return json;
  }

  /** @return the features as canonical text for cache keys; see {@link Features#canonicalKey} */
  public String featuresKey() {
    // Always a FeatureMap (the canonical constructor makes it one), whose key was made once.
    return ((FeatureMap) features).canonicalKey();
  }

  /** @return this site with {@code tenantOrigins} set as given */
  public Site withTenantOrigins(boolean tenantSet) {
    return new Site(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, verification, tenantSet, featuresHeader);
  }

  public Site withHost(String newHost) {
    return new Site(newHost, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, verification, tenantOrigins, featuresHeader);
  }

  public Site withTenant(String newTenant) {
    return new Site(host, newTenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, verification, tenantOrigins, featuresHeader);
  }

  public Site withSiteId(String newSiteId) {
    return new Site(host, tenant, newSiteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, verification, tenantOrigins, featuresHeader);
  }

  public Site withVersion(long newVersion) {
    return new Site(host, tenant, siteId, newVersion, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, verification, tenantOrigins, featuresHeader);
  }

  public Site withCacheGeneration(long newGeneration) {
    return new Site(host, tenant, siteId, version, origin, routes, dispatch, features, cache, newGeneration,
        responseHeaders, tls, status, verification, tenantOrigins, featuresHeader);
  }

  public Site withStatus(String newStatus) {
    return new Site(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, newStatus, verification, tenantOrigins, featuresHeader);
  }

  /** @param newVerification the proof a pending site is asked for, or {@code null} once proven */
  public Site withVerification(HostVerification newVerification) {
    return new Site(host, tenant, siteId, version, origin, routes, dispatch, features, cache, cacheGeneration,
        responseHeaders, tls, status, newVerification, tenantOrigins, featuresHeader);
  }

  private static Map<String, Object> scalarFeatures(Map<String, Object> features) {
    if (features instanceof FeatureMap checked) {
      return checked;
    }
    if (features == null || features.isEmpty()) {
      return FeatureMap.EMPTY;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    features.forEach((k, v) -> {
      if (!Features.isScalar(v)) {
        throw new IllegalArgumentException("feature \"" + k + "\" must be a string, number or boolean");
      }
      copy.put(k, Features.normalizeNumber(v));
    });
    return FeatureMap.of(copy);
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
