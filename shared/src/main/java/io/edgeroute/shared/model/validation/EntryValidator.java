package io.edgeroute.shared.model.validation;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * Checks a table entry document ({@code {"origin", "responseHeaders", "version"}}, SPEC §2) as a
 * client sent it and reports every problem at its JSON pointer. Same decisions as
 * {@link SiteValidator}: unknown fields are errors, {@code version} is accepted and overwritten.
 */
public final class EntryValidator {

  private static final Set<String> FIELDS = Set.of("origin", "responseHeaders", "version", "tenantOrigins");

  private final OriginChecks origins;

  /** @param allowPrivateOrigins as for {@link SiteValidator#SiteValidator(boolean)} */
  public EntryValidator(boolean allowPrivateOrigins) {
    this.origins = new OriginChecks(allowPrivateOrigins);
  }

  /** @return every problem of {@code entry}, in document order; empty when it is valid */
  public List<ValidationProblem> validate(JsonObject entry) {
    Problems problems = new Problems();
    problems.unknownFields(entry, "", FIELDS);
    origins.check(problems, entry, "origin", "", true);
    HeaderChecks.checkMap(problems, entry, "responseHeaders", "");
    problems.wholeNumber(entry, "version", "", false, 0, Long.MAX_VALUE);
    return problems.toList();
  }
}
