package io.edgeroute.shared.model.validation;

import io.edgeroute.shared.model.SpecExample;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteValidatorTest {

  private final SiteValidator tenant = new SiteValidator(false);
  private final SiteValidator operator = new SiteValidator(true);

  @Test
  void specExampleIsValidForAnOperator() {
    assertEquals(List.of(), operator.validate(new JsonObject(SpecExample.SITE)));
  }

  @Test
  void specExampleConnectToIsPrivateForATenant() {
    List<ValidationProblem> problems = tenant.validate(new JsonObject(SpecExample.SITE));
    assertEquals(List.of("/origin/connectTo"), pointers(problems));
    assertTrue(problems.get(0).detail().contains("private"), problems.get(0).detail());
  }

  @Test
  void reportsEveryMistakeAtItsPointer() {
    JsonObject doc = new JsonObject("""
        {
          "orign": { "url": "https://static.example.me" },
          "routes": [
            { "stripPrefix": "yes", "origin": { "url": "https://a.example/base", "hostHeader": "proxy" } },
            { "pathPrefix": "/shop/", "split": [
                { "weight": -1, "origin": { "url": "http://blue.example" } },
                { "weight": 2.5, "origin": { "url": "ftp://green.example", "connectTo": "nohost" } } ] },
            { "pathPrefix": "/shop/cart", "origin": { "url": "http://cart.example" }, "split": [] }
          ],
          "dispatch": { "table": "Bad Table", "idHeader": "X Bad" },
          "features": { "polish": { "level": "lossy" }, "a/b": [1] },
          "cache": { "enabled": "yes", "defaultTtl": -5, "bypasCookies": [] },
          "responseHeaders": { "X-Ok": "fine", "X-Bad": "a\\r\\nb", "Content-Length": "1" }
        }
        """);
    assertEquals(List.of(
        "/orign",
        "/routes/0/pathPrefix",
        "/routes/0/stripPrefix",
        "/routes/0/origin/url",
        "/routes/0/origin/hostHeader",
        "/routes/1/split/0/weight",
        "/routes/1/split/1/weight",
        "/routes/1/split/1/origin/url",
        "/routes/1/split/1/origin/connectTo",
        "/routes/2",
        "/routes/2/split",
        "/routes/2/pathPrefix",
        "/dispatch/table",
        "/dispatch/idHeader",
        "/features/polish",
        "/features/a~1b",
        "/cache/bypasCookies",
        "/cache/enabled",
        "/cache/defaultTtl",
        "/responseHeaders/X-Bad",
        "/responseHeaders/Content-Length"), pointers(operator.validate(doc)));
  }

  @Test
  void rejectsInvalidBypassCookiePatternsAndStaleDurations() {
    JsonObject doc = new JsonObject("""
        {"origin": {"url": "https://static.example.me"},
         "cache": {"enabled": true, "bypassCookies": ["wordpress_logged_in_*", "", "*", "a b", 7],
                   "heuristic": "yes", "staleIfError": "1 hour", "staleWhileRevalidate": "30s"}}""");
    assertEquals(List.of("/cache/bypassCookies/1", "/cache/bypassCookies/2", "/cache/bypassCookies/3",
        "/cache/bypassCookies/4", "/cache/heuristic", "/cache/staleIfError"),
        pointers(operator.validate(doc)).stream().sorted().toList());
  }

  @Test
  void reportsARouteThatAnEarlierOneShadows() {
    JsonObject doc = new JsonObject("""
        {"routes": [
          {"origin": {"url": "http://a.example"}},
          {"pathPrefix": "/", "origin": {"url": "http://b.example"}},
          {"pathPrefix": "/api/", "origin": {"url": "http://c.example"}}]}""");
    List<ValidationProblem> problems = operator.validate(doc);
    assertEquals(List.of("/routes/0/pathPrefix", "/routes/2/pathPrefix"), pointers(problems));
    assertEquals("never matches: /routes/1 (pathPrefix \"/\") comes first and covers it", problems.get(1).detail());
  }

  @Test
  void reportsATypoAsAnUnknownFieldNotAsNothing() {
    JsonObject doc = new JsonObject().put("orign", new JsonObject().put("url", "https://a.example"));
    List<ValidationProblem> problems = operator.validate(doc);
    assertEquals(List.of("/orign", "/origin"), pointers(problems));
    assertEquals("unknown field \"orign\"", problems.get(0).detail());
  }

  @Test
  void reportsUnknownFieldsInNestedObjects() {
    JsonObject doc = new JsonObject("""
        {"origin": {"url": "https://a.example", "timeout": "5s"}, "dispatch": {"table": "t", "nouns": "x"}}
        """);
    assertEquals(List.of("/origin/timeout", "/dispatch/nouns"), pointers(operator.validate(doc)));
  }

  @Test
  void aSiteMustBeAbleToAnswer() {
    assertEquals(List.of("/origin"), pointers(operator.validate(new JsonObject())));
    JsonObject onlyApi = new JsonObject("""
        {"routes": [{"pathPrefix": "/api/", "origin": {"url": "http://a.example"}}]}""");
    assertEquals(List.of("/origin"), pointers(operator.validate(onlyApi)));
    JsonObject catchAll = new JsonObject("""
        {"routes": [{"pathPrefix": "/", "origin": {"url": "http://a.example"}}]}""");
    assertEquals(List.of(), operator.validate(catchAll));
    assertEquals(List.of(), operator.validate(new JsonObject().put("dispatch", new JsonObject().put("table", "t"))));
  }

  @Test
  void splitWeightsMustSumToMoreThanZero() {
    JsonObject doc = new JsonObject("""
        {"routes": [{"pathPrefix": "/", "split": [
          {"weight": 0, "origin": {"url": "http://blue.example"}},
          {"weight": 0, "origin": {"url": "http://green.example"}}]}]}""");
    assertEquals(List.of("/routes/0/split"), pointers(operator.validate(doc)));
    doc.getJsonArray("routes").getJsonObject(0).getJsonArray("split").getJsonObject(0).put("weight", 100);
    assertEquals(List.of(), operator.validate(doc), "blue-green 100/0 is valid");
  }

  @Test
  void splitLabelsAreUniqueCookieSafeTokens() {
    JsonObject doc = new JsonObject("""
        {"routes": [{"pathPrefix": "/", "split": [
          {"weight": 1, "origin": {"url": "http://blue.example"}, "label": "a"},
          {"weight": 1, "origin": {"url": "http://green.example"}, "label": "a"},
          {"weight": 1, "origin": {"url": "http://red.example"}, "label": "a;b"}]}]}""");
    assertEquals(List.of("/routes/0/split/1/label", "/routes/0/split/2/label"), pointers(operator.validate(doc)));
  }

  @Test
  void serverFieldsAreAcceptedWhenWellTypedAndRefusedOtherwise() {
    JsonObject ok = new JsonObject(SpecExample.SITE);
    assertEquals(List.of(), operator.validate(ok));
    JsonObject bad = new JsonObject(SpecExample.SITE).put("version", "4").put("host", "a..b").put("tenant", "Jot")
        .put("cacheGeneration", -1);
    assertEquals(List.of("/host", "/tenant", "/version", "/cacheGeneration"), pointers(operator.validate(bad)));
  }

  @Test
  void acceptsADurationStringAsDefaultTtl() {
    JsonObject doc = new JsonObject("""
        {"origin": {"url": "http://a.example"}, "cache": {"enabled": true, "defaultTtl": "30s"}}""");
    assertEquals(List.of(), operator.validate(doc));
    doc.getJsonObject("cache").put("defaultTtl", "30 s");
    assertEquals(List.of("/cache/defaultTtl"), pointers(operator.validate(doc)));
  }

  @Test
  void refusesHeadersTheRouterManagesAndCaseInsensitiveRepeats() {
    JsonObject doc = new JsonObject("""
        {"dispatch": {"table": "t", "idHeader": "Transfer-Encoding"},
         "responseHeaders": {"X-Served-By": "a", "x-served-by": "b"}}""");
    assertEquals(List.of("/dispatch/idHeader", "/responseHeaders/x-served-by"), pointers(operator.validate(doc)));
  }

  @Test
  void problemsSerialiseForA422() {
    List<ValidationProblem> problems = operator.validate(new JsonObject());
    assertEquals(new io.vertx.core.json.JsonArray().add(new JsonObject().put("pointer", "/origin")
        .put("detail", problems.get(0).detail())), ValidationProblem.toJson(problems));
  }

  @Test
  void treatsExplicitNullAsAbsent() {
    JsonObject doc = new JsonObject().put("origin", new JsonObject().put("url", "http://a.example"))
        .putNull("dispatch").putNull("routes");
    assertEquals(List.of(), operator.validate(doc));
  }

  @Test
  void refusesPathsWithQueryOrWithoutLeadingSlash() {
    JsonObject doc = new JsonObject("""
        {"origin": {"url": "http://a.example", "path": "sites/x"},
         "routes": [{"pathPrefix": "/a?b", "origin": {"url": "http://a.example", "path": "/p q"}}]}""");
    assertEquals(List.of("/origin/path", "/routes/0/pathPrefix", "/routes/0/origin/path"),
        pointers(operator.validate(doc)));
  }

  static List<String> pointers(List<ValidationProblem> problems) {
    return problems.stream().map(ValidationProblem::pointer).toList();
  }
}
