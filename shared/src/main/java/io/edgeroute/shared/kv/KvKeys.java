package io.edgeroute.shared.kv;

import java.util.Objects;

/**
 * The Redis key schema of SPEC §2, in one place. Every key starts with the configured prefix
 * ({@code kv.redis.prefix}, default {@value #DEFAULT_PREFIX}).
 */
public final class KvKeys {

  public static final String DEFAULT_PREFIX = "edgeroute:";

  private final String prefix;

  public KvKeys(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  public static KvKeys defaults() {
    return new KvKeys(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  /** {@code <prefix>site:<host>}; {@code host} is a normalised A-label or {@code *.<parent>}. */
  public String site(String host) {
    return prefix + "site:" + host;
  }

  /** The prefix shared by every site key, for scans. */
  public String sitePrefix() {
    return prefix + "site:";
  }

  /** {@code <prefix>table:<table>} */
  public String table(String table) {
    return prefix + "table:" + table;
  }

  /** {@code <prefix>entry:<table>:<id>} */
  public String entry(String table, String id) {
    return prefix + "entry:" + table + ":" + id;
  }

  /** The prefix shared by the entries of one table, for scans. */
  public String entryPrefix(String table) {
    return prefix + "entry:" + table + ":";
  }

  /** {@code <prefix>tenant:<tenant>} */
  public String tenant(String tenant) {
    return prefix + "tenant:" + tenant;
  }

  /** The prefix shared by every tenant key, for scans. */
  public String tenantPrefix() {
    return prefix + "tenant:";
  }

  /** {@code <prefix>token:<sha256-hex>} */
  public String token(String sha256Hex) {
    return prefix + "token:" + sha256Hex;
  }

  /** {@code <prefix>tenant-sites:<tenant>}: the set of hosts a tenant owns. */
  public String tenantSites(String tenant) {
    return prefix + "tenant-sites:" + tenant;
  }

  /** {@code <prefix>tenant-tables:<tenant>}: the set of table names a tenant owns. */
  public String tenantTables(String tenant) {
    return prefix + "tenant-tables:" + tenant;
  }

  /**
   * {@code <prefix>zone:<parent>}: which tenants claim hosts one level under {@code parent} and
   * which claims {@code *.<parent>}; written only by the admin API to serialise wildcard ownership.
   */
  public String zone(String parent) {
    return prefix + "zone:" + parent;
  }

  /** {@code <prefix>cert:<host>}: the certificate served for {@code host} (a normalised host or {@code *.<parent>}). */
  public String cert(String host) {
    return prefix + "cert:" + host;
  }

  /** {@code <prefix>acme-challenge:<token>}: an HTTP-01 key authorization any node answers (SPEC §9). */
  public String acmeChallenge(String token) {
    return prefix + "acme-challenge:" + token;
  }

  /** {@code <prefix>acme-lock:<host>}: held by the one node ordering a certificate for {@code host}. */
  public String acmeLock(String host) {
    return prefix + "acme-lock:" + host;
  }

  /** {@code <prefix>pending-sites}: the set of hosts whose ownership is being checked (SPEC §7). */
  public String pendingSites() {
    return prefix + "pending-sites";
  }

  /** The prefix shared by every certificate key, for scans. */
  public String certPrefix() {
    return prefix + "cert:";
  }

  /** The pub/sub channel of change messages, {@code <prefix>changes}. */
  public String changesChannel() {
    return prefix + "changes";
  }

  /** @return the part of {@code key} after {@code <prefix>site:}, or {@code null} if not a site key */
  public String hostOf(String key) {
    String p = sitePrefix();
    return key.startsWith(p) ? key.substring(p.length()) : null;
  }
}
