package io.edgeroute.shared.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Block {@code acme}: on-demand certificates by ACME (RFC 8555) for sites with {@code tls.mode: auto}
 * (SPEC §9). Off while {@code acme.directoryUrl} is unset. Read at start.
 */
public class AcmeOptions {

  static final String PATH = "acme";

  /** Default {@code acme.directoryUrl} = none: no certificate is ordered. */
  public static final String DEFAULT_DIRECTORY_URL = null;
  /** Default {@code acme.email} = none: the ACME account has no contact. */
  public static final String DEFAULT_EMAIL = null;
  /** Default {@code acme.trustStore} = none: the ACME server's TLS is checked against the JVM's CAs. */
  public static final String DEFAULT_TRUST_STORE = null;
  /**
   * Default {@code acme.accountKeyFile} = none: a new account key is made at start and kept in memory
   * only. Set it (a PEM private key; created when missing) so the node keeps one account.
   */
  public static final String DEFAULT_ACCOUNT_KEY_FILE = null;
  /** Default {@code acme.handshakeWait} = 10s: how long a handshake waits for its name's order. */
  public static final Duration DEFAULT_HANDSHAKE_WAIT = Duration.ofSeconds(10);
  /** Default {@code acme.maxOrdersPerHour} = {@value}: orders one node places per hour. */
  public static final int DEFAULT_MAX_ORDERS_PER_HOUR = 300;

  private String directoryUrl = DEFAULT_DIRECTORY_URL;
  private String email = DEFAULT_EMAIL;
  private String trustStore = DEFAULT_TRUST_STORE;
  private String accountKeyFile = DEFAULT_ACCOUNT_KEY_FILE;
  private Duration handshakeWait = DEFAULT_HANDSHAKE_WAIT;
  private int maxOrdersPerHour = DEFAULT_MAX_ORDERS_PER_HOUR;

  public AcmeOptions() {
  }

  public AcmeOptions(AcmeOptions other) {
    this(other.toJson());
  }

  /** @throws InvalidConfigException listing every problem of the block */
  public AcmeOptions(JsonObject json) {
    this(ConfigReader.of(PATH, json), true);
  }

  AcmeOptions(ConfigReader in, boolean strict) {
    directoryUrl = in.optString("directoryUrl", DEFAULT_DIRECTORY_URL);
    email = in.optString("email", DEFAULT_EMAIL);
    trustStore = in.optString("trustStore", DEFAULT_TRUST_STORE);
    accountKeyFile = in.optString("accountKeyFile", DEFAULT_ACCOUNT_KEY_FILE);
    handshakeWait = in.duration("handshakeWait", DEFAULT_HANDSHAKE_WAIT);
    maxOrdersPerHour = in.integer("maxOrdersPerHour", DEFAULT_MAX_ORDERS_PER_HOUR, 0, 1_000_000);
    in.finish();
    if (strict) {
      in.throwIfInvalid();
    }
  }

  /** @return whether ACME is configured at all */
  public boolean enabled() {
    return directoryUrl != null && !directoryUrl.isBlank();
  }

  public String getDirectoryUrl() {
    return directoryUrl;
  }

  public AcmeOptions setDirectoryUrl(String directoryUrl) {
    this.directoryUrl = directoryUrl;
    return this;
  }

  public String getEmail() {
    return email;
  }

  public AcmeOptions setEmail(String email) {
    this.email = email;
    return this;
  }

  public String getTrustStore() {
    return trustStore;
  }

  public AcmeOptions setTrustStore(String trustStore) {
    this.trustStore = trustStore;
    return this;
  }

  public String getAccountKeyFile() {
    return accountKeyFile;
  }

  public AcmeOptions setAccountKeyFile(String accountKeyFile) {
    this.accountKeyFile = accountKeyFile;
    return this;
  }

  public Duration getHandshakeWait() {
    return handshakeWait;
  }

  public AcmeOptions setHandshakeWait(Duration handshakeWait) {
    this.handshakeWait = Checks.check(PATH + ".handshakeWait", handshakeWait, Checks::nonNegative);
    return this;
  }

  public int getMaxOrdersPerHour() {
    return maxOrdersPerHour;
  }

  public AcmeOptions setMaxOrdersPerHour(int max) {
    this.maxOrdersPerHour = Checks.check(PATH + ".maxOrdersPerHour", max, Checks.range(0, 1_000_000));
    return this;
  }

  public JsonObject toJson() {
    return new JsonObject().put("directoryUrl", directoryUrl).put("email", email).put("trustStore", trustStore)
        .put("accountKeyFile", accountKeyFile).put("handshakeWait", Durations.format(handshakeWait))
        .put("maxOrdersPerHour", maxOrdersPerHour);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AcmeOptions && toJson().equals(((AcmeOptions) o).toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
