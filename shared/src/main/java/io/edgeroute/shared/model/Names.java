package io.edgeroute.shared.model;

import java.util.regex.Pattern;

/**
 * Name rules for tables, tenants and entry ids. They appear in Redis keys, admin URLs and (entry
 * ids) as the first path segment of a visitor's request, so they are kept to characters that need
 * no escaping in any of those places.
 */
public final class Names {

  /** Tenant and table names: lowercase, start with a letter or digit, up to 63 characters. */
  public static final Pattern TENANT_OR_TABLE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /**
   * Entry ids: RFC 3986 unreserved characters, case-sensitive ({@code storefrontA}, seed 001), up
   * to 128. {@code .} and {@code ..} are refused because URL normalisation would eat them.
   */
  public static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

  private Names() {
  }

  public static boolean isTenant(String name) {
    return name != null && TENANT_OR_TABLE.matcher(name).matches();
  }

  public static boolean isTable(String name) {
    return name != null && TENANT_OR_TABLE.matcher(name).matches();
  }

  public static boolean isEntryId(String id) {
    return id != null && ENTRY_ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
  }
}
