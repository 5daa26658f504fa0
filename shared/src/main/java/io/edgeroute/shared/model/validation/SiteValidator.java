package io.edgeroute.shared.model.validation;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.model.CacheSettings;
import io.edgeroute.shared.model.CookiePattern;
import io.edgeroute.shared.model.Features;
import io.edgeroute.shared.model.Names;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.edgeroute.shared.model.validation.ValidationProblem.child;

/**
 * Checks a site document exactly as a client sent it, before {@code Site.fromJson}, and reports
 * every problem at its JSON pointer (SPEC §7, 422 {@code errors}).
 *
 * <p>Decisions where the SPEC is silent:
 * <ul>
 *   <li>Unknown fields anywhere are errors, so a typo ({@code orign}) is never silently dropped.</li>
 *   <li>A site must be able to answer: it needs {@code origin}, {@code dispatch}, or a route with
 *       {@code pathPrefix "/"}. Otherwise every unmatched request would fail.</li>
 *   <li>Server-set fields ({@code host}, {@code tenant}, {@code siteId}, {@code version},
 *       {@code cacheGeneration}) are accepted when well typed, so a client can PUT back what it
 *       GOT; the server overwrites them. Concurrency control is {@code If-Match}, not {@code version}.</li>
 *   <li>Explicit {@code null} counts as absent (RFC 7396 merge patches use it to remove).</li>
 *   <li>A route whose prefix an earlier route already covers is reported: it could never match.</li>
 *   <li>Whether {@code dispatch.table} belongs to the site's tenant needs the KV store; the admin
 *       API checks that after this.</li>
 * </ul>
 */
public final class SiteValidator {

  private static final Set<String> FIELDS = Set.of("host", "tenant", "siteId", "version", "origin", "routes",
      "dispatch", "features", "featuresHeader", "cache", "cacheGeneration", "responseHeaders", "tls", "status",
      "verification", "tenantOrigins");
  private static final Set<String> DISPATCH_FIELDS = Set.of("table", "idHeader", "noun");
  private static final Set<String> CACHE_FIELDS = Set.of("enabled", "defaultTtl", "bypassCookies", "heuristic",
      "staleIfError", "staleWhileRevalidate");
  private static final int MAX_NOUN_LENGTH = 64;

  private final OriginChecks origins;
  private final RouteChecks routes;

  /**
   * @param allowPrivateOrigins whether origins on loopback, link-local or private addresses pass
   *                            (operator tokens, or {@code admin.allowPrivateOrigins}); see {@link OriginPolicy}
   */
  public SiteValidator(boolean allowPrivateOrigins) {
    this.origins = new OriginChecks(allowPrivateOrigins);
    this.routes = new RouteChecks(origins);
  }

  /** @return every problem of {@code site}, in document order; empty when it is valid */
  public List<ValidationProblem> validate(JsonObject site) {
    Problems problems = new Problems();
    problems.unknownFields(site, "", FIELDS);
    serverFields(problems, site);
    origins.check(problems, site, "origin", "", false);
    boolean coversAll = false;
    JsonArray routeArray = problems.array(site, "routes", "");
    if (routeArray != null) {
      coversAll = routes.check(problems, routeArray, "/routes");
    }
    JsonObject dispatch = problems.object(site, "dispatch", "", false);
    if (dispatch != null) {
      dispatch(problems, dispatch, "/dispatch");
    }
    boolean answers = site.getValue("origin") != null || site.getValue("dispatch") != null || coversAll;
    if (!answers) {
      problems.add("/origin", "is required unless the site has \"dispatch\" or a route with pathPrefix \"/\"");
    }
    features(problems, site);
    String featuresHeader = problems.string(site, "featuresHeader", "", false);
    String featuresHeaderProblem = featuresHeader == null ? null : HeaderChecks.nameProblem(featuresHeader);
    if (featuresHeaderProblem != null) {
      problems.add(child("", "featuresHeader"), featuresHeaderProblem);
    }
    JsonObject cache = problems.object(site, "cache", "", false);
    if (cache != null) {
      cache(problems, cache, "/cache");
    }
    HeaderChecks.checkMap(problems, site, "responseHeaders", "");
    TlsChecks.check(problems, site);
    // Server-set like status: accepted when it is an object so a GET can be PUT back, then replaced.
    problems.object(site, "verification", "", false);
    return problems.toList();
  }

  private static void serverFields(Problems problems, JsonObject site) {
    String host = problems.string(site, "host", "", false);
    if (host != null) {
      try {
        HostNames.normalize(host);
      } catch (IllegalArgumentException e) {
        problems.add("/host", e.getMessage());
      }
    }
    String tenant = problems.string(site, "tenant", "", false);
    if (tenant != null && !Names.isTenant(tenant)) {
      problems.add("/tenant", "is not a valid tenant name");
    }
    problems.string(site, "siteId", "", false);
    problems.wholeNumber(site, "version", "", false, 0, Long.MAX_VALUE);
    problems.wholeNumber(site, "cacheGeneration", "", false, 0, Long.MAX_VALUE);
  }

  private static void dispatch(Problems problems, JsonObject dispatch, String at) {
    problems.unknownFields(dispatch, at, DISPATCH_FIELDS);
    String table = problems.string(dispatch, "table", at, true);
    if (table != null && !Names.isTable(table)) {
      problems.add(child(at, "table"), "must be 1 to 63 of a-z, 0-9, '_' or '-', starting with a letter or digit");
    }
    String idHeader = problems.string(dispatch, "idHeader", at, false);
    String idHeaderProblem = idHeader == null ? null : HeaderChecks.nameProblem(idHeader);
    if (idHeaderProblem != null) {
      problems.add(child(at, "idHeader"), idHeaderProblem);
    }
    String noun = problems.string(dispatch, "noun", at, false);
    if (noun != null && (noun.isBlank() || noun.length() > MAX_NOUN_LENGTH
        || noun.chars().anyMatch(c -> c < ' ' || c == 0x7f))) {
      problems.add(child(at, "noun"), "must be 1 to " + MAX_NOUN_LENGTH + " printable characters");
    }
  }

  private static void features(Problems problems, JsonObject site) {
    JsonObject features = problems.object(site, "features", "", false);
    if (features == null) {
      return;
    }
    for (Map.Entry<String, Object> e : features) {
      if (e.getKey().isEmpty()) {
        problems.add(child("/features", ""), "a feature name must not be empty");
      }
      if (!Features.isScalar(e.getValue())) {
        problems.add(child("/features", e.getKey()), "must be a string, number or boolean (features are flat)");
      }
    }
  }

  private static void cache(Problems problems, JsonObject cache, String at) {
    problems.unknownFields(cache, at, CACHE_FIELDS);
    problems.bool(cache, "enabled", at);
    problems.bool(cache, "heuristic", at);
    for (String duration : List.of("defaultTtl", "staleIfError", "staleWhileRevalidate")) {
      try {
        CacheSettings.ttlSeconds(cache.getValue(duration));
      } catch (IllegalArgumentException e) {
        problems.add(child(at, duration), e.getMessage().replace("defaultTtl", duration));
      }
    }
    JsonArray cookies = problems.array(cache, "bypassCookies", at);
    if (cookies == null) {
      return;
    }
    for (int i = 0; i < cookies.size(); i++) {
      String problem = cookies.getValue(i) instanceof String pattern ? CookiePattern.problem(pattern)
          : "must be a string";
      if (problem != null) {
        problems.add(child(child(at, "bypassCookies"), i), problem);
      }
    }
  }
}
