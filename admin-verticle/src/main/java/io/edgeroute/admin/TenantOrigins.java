package io.edgeroute.admin;

/**
 * Who set a document's origins, recorded as {@code "tenantOrigins": true} on sites and entries so
 * the router knows which origins to refuse on private addresses when it dials them (SPEC §4a).
 *
 * <p>A tenant token's write marks them. An operator write vouches for the origins it sets, so it
 * clears the mark, except where it leaves a tenant's origins as they were (an operator PATCH of
 * {@code features} must not turn a tenant's origin into a trusted one). A document without the
 * field is the operator's: written by an operator token, or by a platform straight into the KV.
 */
final class TenantOrigins {

  private TenantOrigins() {
  }

  /**
   * @param keptTenantOrigins for an operator's write: whether the previous version was marked and
   *                          this write keeps its origins unchanged; {@code null} when there is none
   * @return whether the written document's origins count as tenant-set
   */
  static boolean setByTenant(Caller caller, Boolean keptTenantOrigins) {
    return !caller.isOperator() || Boolean.TRUE.equals(keptTenantOrigins);
  }
}
