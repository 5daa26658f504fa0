package io.edgeroute.shared.model;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A site's {@code tls} block (SPEC §3, §9).
 *
 * @param mode         {@link #AUTO} (a certificate is obtained by ACME when the operator configured
 *                     it), {@link #CUSTOM} (only an uploaded certificate) or {@link #OFF} (no HTTPS)
 * @param redirectHttp answer plain HTTP with 308 to the same URL on HTTPS (ACME challenges excepted)
 * @param hsts         the {@code Strict-Transport-Security} value sent on HTTPS answers, or {@code null}
 */
public record TlsSettings(String mode, boolean redirectHttp, String hsts) {

  public static final String AUTO = "auto";
  public static final String CUSTOM = "custom";
  public static final String OFF = "off";
  public static final Set<String> MODES = Set.of(AUTO, CUSTOM, OFF);

  /**
   * Without a {@code tls} block: an uploaded certificate is served, none is ordered (ACME is an
   * explicit choice, as it makes the operator's ACME account vouch for the name), no redirect, no HSTS.
   */
  public static final TlsSettings DEFAULT = new TlsSettings(CUSTOM, false, null);

  public TlsSettings {
    mode = mode == null ? CUSTOM : mode;
  }

  /** Tolerant: unknown fields and values are ignored, as for the rest of a stored site. */
  public static TlsSettings fromJson(JsonObject json) {
    String mode = json.getValue("mode") instanceof String m && MODES.contains(m) ? m : CUSTOM;
    return new TlsSettings(mode, Boolean.TRUE.equals(json.getValue("redirectHttp")),
        json.getValue("hsts") instanceof String h && !h.isBlank() ? h : null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("mode", mode).put("redirectHttp", redirectHttp);
    if (hsts != null) {
      json.put("hsts", hsts);
    }
    return json;
  }
}
