package io.edgeroute.shared.model.validation;

import io.edgeroute.shared.model.TlsSettings;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Checks a site's {@code tls} block (SPEC §3, §9) and its server-set {@code status}. */
final class TlsChecks {

  private static final Set<String> FIELDS = Set.of("mode", "redirectHttp", "hsts");
  private static final Set<String> STATUSES = Set.of("active", "pending", "failed");

  private TlsChecks() {
  }

  static void check(Problems problems, JsonObject site) {
    String status = problems.string(site, "status", "", false);
    if (status != null && !STATUSES.contains(status)) {
      problems.add("/status", "must be one of active, pending, failed (and is set by the server)");
    }
    JsonObject tls = problems.object(site, "tls", "", false);
    if (tls == null) {
      return;
    }
    problems.unknownFields(tls, "/tls", FIELDS);
    String mode = problems.string(tls, "mode", "/tls", false);
    if (mode != null && !TlsSettings.MODES.contains(mode)) {
      problems.add("/tls/mode", "must be auto, custom or off");
    }
    problems.bool(tls, "redirectHttp", "/tls");
    String hsts = problems.string(tls, "hsts", "/tls", false);
    if (hsts != null && (hsts.isBlank() || hsts.chars().anyMatch(c -> c < ' ' || c == 0x7f))) {
      problems.add("/tls/hsts", "must be a header value such as max-age=31536000");
    }
  }
}
