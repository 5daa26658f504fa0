package io.edgeroute.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ownership-verification keys of block {@code admin} (SPEC §7), kept apart from the rest of
 * {@link AdminOptions} because one concern: whether a tenant's new site must prove it owns its host,
 * and how the proof is checked. Live.
 */
public class VerificationOptions {

  public static final String OFF = "off";
  public static final String DNS = "dns";
  public static final String HTTP = "http";
  public static final String ANY = "any";
  static final Set<String> MODES = Set.of(OFF, DNS, HTTP, ANY);

  /** Default {@code admin.hostVerification} = {@value}: tenants' sites are active at once. */
  public static final String DEFAULT_HOST_VERIFICATION = OFF;
  /** Default {@code admin.dnsServers} = none: the system's resolvers ({@code host:port} each otherwise). */
  public static final List<String> DEFAULT_DNS_SERVERS = List.of();
  /**
   * Default {@code admin.verificationFirstCheck} = 30s: the first background check of a pending site;
   * each later one waits twice as long, up to an hour, for 7 days.
   */
  public static final Duration DEFAULT_FIRST_CHECK = Duration.ofSeconds(30);
  /** Default {@code admin.verificationHttpPort} = {@value}: where the HTTP method fetches the token. */
  public static final int DEFAULT_HTTP_PORT = 80;

  private String hostVerification = DEFAULT_HOST_VERIFICATION;
  private List<String> dnsServers = DEFAULT_DNS_SERVERS;
  private Duration firstCheck = DEFAULT_FIRST_CHECK;
  private int httpPort = DEFAULT_HTTP_PORT;

  public VerificationOptions() {
  }

  /** Reads its keys from the {@code admin} block's reader, which reports them and the others together. */
  VerificationOptions(ConfigReader admin) {
    hostVerification = admin.check("hostVerification", admin.string("hostVerification", DEFAULT_HOST_VERIFICATION),
        DEFAULT_HOST_VERIFICATION, Checks.oneOf(MODES));
    dnsServers = admin.strings("dnsServers", DEFAULT_DNS_SERVERS, Checks::hostPort);
    firstCheck = admin.duration("verificationFirstCheck", DEFAULT_FIRST_CHECK);
    httpPort = admin.integer("verificationHttpPort", DEFAULT_HTTP_PORT, 1, 65535);
  }

  /** @return {@code off}, {@code dns}, {@code http} or {@code any} */
  public String getHostVerification() {
    return hostVerification;
  }

  public boolean required() {
    return !OFF.equals(hostVerification);
  }

  public List<String> getDnsServers() {
    return dnsServers;
  }

  public Duration getFirstCheck() {
    return firstCheck;
  }

  public int getHttpPort() {
    return httpPort;
  }

  /** Adds its keys to the {@code admin} block's JSON. */
  void into(JsonObject admin) {
    admin.put("hostVerification", hostVerification)
        .put("dnsServers", new JsonArray(new ArrayList<>(dnsServers)))
        .put("verificationFirstCheck", Durations.format(firstCheck))
        .put("verificationHttpPort", httpPort);
  }
}
