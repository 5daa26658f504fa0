package io.edgeroute.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Block {@code admin}: the admin API listener (SPEC §7). Host and port are restart-only. */
public class AdminOptions {

  static final String PATH = "admin";

  /** Default {@code admin.host} = {@value}: loopback only, the admin API is not for the internet. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default {@code admin.port} = {@value}; 0 picks a free port (tests). */
  public static final int DEFAULT_PORT = 9090;

  /** Default {@code admin.operatorTokens} = none; env {@code EDGEROUTE_OPERATOR_TOKEN} adds one. Live. */
  public static final List<String> DEFAULT_OPERATOR_TOKENS = List.of();

  /** Default {@code admin.allowPrivateOrigins} = {@value}: tenants may not point at private addresses. Live. */
  public static final boolean DEFAULT_ALLOW_PRIVATE_ORIGINS = false;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private List<String> operatorTokens = DEFAULT_OPERATOR_TOKENS;
  private boolean allowPrivateOrigins = DEFAULT_ALLOW_PRIVATE_ORIGINS;
  private VerificationOptions verification = new VerificationOptions();

  public AdminOptions() {
  }

  public AdminOptions(AdminOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public AdminOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  AdminOptions(ConfigReader in, boolean strict) {
    host = in.string("host", DEFAULT_HOST);
    port = in.integer("port", DEFAULT_PORT, 0, 65535);
    operatorTokens = in.strings("operatorTokens", DEFAULT_OPERATOR_TOKENS, Checks::nonEmpty);
    allowPrivateOrigins = in.bool("allowPrivateOrigins", DEFAULT_ALLOW_PRIVATE_ORIGINS);
    verification = new VerificationOptions(in);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  public String getHost() {
    return host;
  }

  public AdminOptions setHost(String host) {
    this.host = Checks.check(PATH + ".host", host, Checks::nonEmpty);
    return this;
  }

  public int getPort() {
    return port;
  }

  public AdminOptions setPort(int port) {
    this.port = Checks.check(PATH + ".port", port, Checks::port);
    return this;
  }

  /** @return the operator bearer tokens, in clear (they come from the operator's own file) */
  public List<String> getOperatorTokens() {
    return operatorTokens;
  }

  public AdminOptions setOperatorTokens(List<String> operatorTokens) {
    this.operatorTokens = List.copyOf(
        Checks.check(PATH + ".operatorTokens", operatorTokens, Checks.each(Checks::nonEmpty)));
    return this;
  }

  public boolean isAllowPrivateOrigins() {
    return allowPrivateOrigins;
  }

  public AdminOptions setAllowPrivateOrigins(boolean allowPrivateOrigins) {
    this.allowPrivateOrigins = allowPrivateOrigins;
    return this;
  }

  /** @return the ownership-verification keys ({@code hostVerification}, {@code dnsServers}, ...) */
  public VerificationOptions getVerification() {
    return verification;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("host", host).put("port", port)
        .put("operatorTokens", new JsonArray(new ArrayList<>(operatorTokens)))
        .put("allowPrivateOrigins", allowPrivateOrigins);
    verification.into(json);
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdminOptions && toJson().equals(((AdminOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  /** Tokens are redacted: this string ends up in logs. */
  @Override
  public String toString() {
    return toJson().put("operatorTokens", operatorTokens.size() + " token(s)").encode();
  }
}
