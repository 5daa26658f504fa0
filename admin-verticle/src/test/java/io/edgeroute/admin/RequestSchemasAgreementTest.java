package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgeroute.shared.model.validation.EntryValidator;
import io.edgeroute.shared.model.validation.SiteValidator;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are checked by hand-written validators (they report every problem at its JSON
 * pointer and know what a schema cannot: host rules, private origins, shadowed routes). This
 * proves they agree with the request schemas of {@code /openapi.json}: a body either both accept
 * or both refuse, checked with a JSON Schema 2020-12 validator over a corpus of documents.
 */
class RequestSchemasAgreementTest {

  private static final JsonObject SCHEMAS = schemas();

  private static final List<String> VALID_SITES = List.of(
      "{\"origin\": {\"url\": \"https://a.example.com\"}}",
      """
      {"host": "myblog.com", "tenant": "jottings", "siteId": "k3v9q2m7x1bz", "version": 4,
       "origin": {"url": "https://static.example.me", "path": "/sites/mysite.example.me",
                  "connectTo": "10.0.0.5:8443", "hostHeader": "origin"},
       "routes": [
         {"pathPrefix": "/api/", "stripPrefix": true, "origin": {"url": "http://api.internal:8081"}},
         {"pathPrefix": "/", "split": [
           {"weight": 90, "origin": {"url": "http://blue.internal"}},
           {"weight": 10, "origin": {"url": "http://green.internal"}, "label": "green"}], "sticky": true}],
       "dispatch": {"table": "storefronts", "idHeader": "X-Storefront-ID", "noun": "Storefront"},
       "features": {"polish": "lossy", "minify": true},
       "cache": {"enabled": true, "defaultTtl": 0, "bypassCookies": ["wordpress_logged_in_"]},
       "cacheGeneration": 0, "responseHeaders": {"X-Served-By": "edgeroute"}}""",
      "{\"dispatch\": {\"table\": \"storefronts\"}}",
      "{\"dispatch\": {\"table\": \"t\"}, \"tls\": {\"mode\": \"auto\", \"redirectHttp\": true, \"hsts\": \"max-age=60\"}, \"status\": \"active\"}");

  private static final List<String> INVALID_SITES = List.of(
      "{\"orign\": {\"url\": \"https://a.example.com\"}}",
      "{\"origin\": {\"url\": \"https://a.example.com\", \"paht\": \"/x\"}}",
      "{\"origin\": {\"url\": 5}}",
      "{\"origin\": {\"url\": \"ftp://a.example.com\"}}",
      "{\"origin\": {\"url\": \"https://a.example.com\", \"hostHeader\": \"server\"}}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"features\": {\"x\": {}}}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"routes\": [{\"origin\": {\"url\": \"https://b.example.com\"}}]}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"routes\": [{\"pathPrefix\": \"/a/\"}]}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"cache\": {\"enabled\": \"yes\"}}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"responseHeaders\": {\"X-A\": 1}}",
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"version\": -1}",
      "{\"dispatch\": {\"noun\": \"Shop\"}}",
      "{\"dispatch\": {\"table\": \"t\"}, \"tls\": {\"mode\": \"manual\"}}",
      "{\"dispatch\": {\"table\": \"t\"}, \"tls\": {\"redirect\": true}}",
      "{\"dispatch\": {\"table\": \"t\"}, \"status\": \"verified\"}");

  private static final List<String> VALID_PURGES = List.of(
      "{\"paths\": [\"/post/1\"]}", "{\"prefixes\": [\"/blog/*\"], \"tags\": [\"posts\"]}", "{\"all\": true}");
  private static final List<String> INVALID_PURGES = List.of(
      "{}", "{\"pathz\": [\"/a\"]}", "{\"all\": \"yes\"}", "{\"paths\": [\"a\"]}", "{\"tags\": [\"\"]}", "{\"paths\": \"/a\"}");

  private static final List<String> VALID_ENTRIES = List.of(
      "{\"origin\": {\"url\": \"https://a.example.com\"}, \"responseHeaders\": {\"X-Shop\": \"a\"}}");
  private static final List<String> INVALID_ENTRIES = List.of(
      "{}", "{\"origin\": {\"url\": \"https://a.example.com\"}, \"orign\": 1}", "{\"origin\": {\"url\": true}}");

  @Test
  void siteSchemaAndSiteValidatorAgree() {
    Predicate<JsonObject> validator = doc -> new SiteValidator(true).validate(doc).isEmpty();
    agree("SiteInput", VALID_SITES, true, validator);
    agree("SiteInput", INVALID_SITES, false, validator);
  }

  @Test
  void purgeSchemaAndPurgeParserAgree() {
    Predicate<JsonObject> parser = doc -> {
      try {
        PurgeRequests.parse(doc);
        return true;
      } catch (ApiFailure e) {
        assertEquals(422, e.status());
        return false;
      }
    };
    agree("Purge", VALID_PURGES, true, parser);
    agree("Purge", INVALID_PURGES, false, parser);
  }

  @Test
  void entrySchemaAndEntryValidatorAgree() {
    Predicate<JsonObject> validator = doc -> new EntryValidator(true).validate(doc).isEmpty();
    agree("EntryInput", VALID_ENTRIES, true, validator);
    agree("EntryInput", INVALID_ENTRIES, false, validator);
  }

  private static void agree(String schema, List<String> docs, boolean valid, Predicate<JsonObject> handWritten) {
    Validator validator = validator(schema);
    for (String text : docs) {
      JsonObject doc = new JsonObject(text);
      assertEquals(valid, validator.validate(doc).getValid(), () -> schema + " schema on " + text);
      assertEquals(valid, handWritten.test(doc), () -> "hand-written validator on " + text);
    }
  }

  /** The components of the document as one 2020-12 schema: {@code #/components/schemas/X} becomes {@code #/$defs/X}. */
  private static Validator validator(String name) {
    JsonObject schema = new JsonObject(SCHEMAS.encode().replace("#/components/schemas/", "#/$defs/"));
    JsonObject root = new JsonObject().put("$schema", "https://json-schema.org/draft/2020-12/schema")
        .put("$defs", schema).put("$ref", "#/$defs/" + name);
    return Validator.create(JsonSchema.of(root), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
        .setBaseUri("https://edgeroute.invalid/").setOutputFormat(OutputFormat.Basic));
  }

  private static JsonObject schemas() {
    try (InputStream in = RequestSchemasAgreementTest.class.getClassLoader().getResourceAsStream(AdminApi.OPENAPI_RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonObject("components").getJsonObject("schemas");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
