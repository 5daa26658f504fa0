package io.edgeroute.admin;

import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/** One structured line per write on the logger {@value #LOGGER}: who, what, which host, old and new version. */
final class AuditLog {

  static final String LOGGER = "edgeroute.audit";
  private static final Logger LOG = Logger.getLogger(LOGGER);

  private AuditLog() {
  }

  /**
   * @param resource   the API path written, e.g. {@code /v1/sites/example.com}
   * @param host       the site host concerned, or {@code null}
   * @param oldVersion 0 when the resource was created
   * @param newVersion 0 when it was deleted
   */
  static void write(Caller caller, String method, String resource, String host, long oldVersion, long newVersion) {
    JsonObject line = new JsonObject().put("who", caller.isOperator() ? "operator" : "tenant")
        .put("tenant", caller.tenant()).put("tokenId", caller.tokenId())
        .put("method", method).put("resource", resource).put("host", host)
        .put("oldVersion", oldVersion).put("newVersion", newVersion);
    LOG.info(line::encode);
  }
}
