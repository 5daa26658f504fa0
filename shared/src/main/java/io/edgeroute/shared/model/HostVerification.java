package io.edgeroute.shared.model;

import io.edgeroute.shared.host.HostNames;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a pending site proves its host (SPEC §7): a TXT record
 * {@code _edgeroute-challenge.<host>} holding the token, or the token served at
 * {@code http://<host>/.well-known/edgeroute-challenge/<token>}. A wildcard site proves its parent
 * by TXT only (no URL names every host under it).
 *
 * @param token   random, set by the server
 * @param created when the site was created: checks stop, and it fails, seven days later
 */
public record HostVerification(String token, Instant created) {

  public static final String TXT_PREFIX = "_edgeroute-challenge.";
  public static final String HTTP_PATH = "/.well-known/edgeroute-challenge/";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh token, created now. */
  public static HostVerification create() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new HostVerification(HexFormat.of().formatHex(bytes), Instant.now());
  }

  /** @return the TXT record name that proves {@code host} */
  public static String txtName(String host) {
    return TXT_PREFIX + (HostNames.isWildcard(host) ? host.substring(2) : host);
  }

  /** @return the URL whose body proves {@code host}, or {@code null} for a wildcard */
  public String url(String host) {
    return HostNames.isWildcard(host) ? null : "http://" + host + HTTP_PATH + token;
  }

  /** @return {@code null} when the JSON holds no token */
  public static HostVerification fromJson(JsonObject json) {
    JsonObject txt = json.getValue("txt") instanceof JsonObject t ? t : null;
    String token = txt != null && txt.getValue("value") instanceof String v ? v : null;
    if (token == null) {
      return null;
    }
    Instant created;
    try {
      created = json.getValue("created") instanceof String c ? Instant.parse(c) : Instant.now();
    } catch (RuntimeException e) {
      created = Instant.now();
    }
    return new HostVerification(token, created);
  }

  /** The instructions of SPEC §7, plus when the site was created. */
  public JsonObject toJson(String host) {
    JsonObject json = new JsonObject()
        .put("txt", new JsonObject().put("name", txtName(host == null ? "" : host)).put("value", token));
    String url = host == null ? null : url(host);
    if (url != null) {
      json.put("http", new JsonObject().put("url", url).put("body", token));
    }
    return json.put("created", created.toString());
  }
}
