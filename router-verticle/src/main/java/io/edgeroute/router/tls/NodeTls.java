package io.edgeroute.router.tls;

import io.edgeroute.router.acme.AcmeChallenges;
import io.edgeroute.router.acme.AcmeIssuer;
import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.kv.KvChange;

import java.util.logging.Logger;

/**
 * A node's HTTPS parts, shared by its router instances: the certificates served by SNI, the ACME
 * HTTP-01 answers of the plain listener, and the issuer of on-demand certificates.
 *
 * @param issuer {@code null} when {@code acme.directoryUrl} is unset
 */
public record NodeTls(CertificateCache certificates, AcmeChallenges challenges, AcmeIssuer issuer) {

  private static final Logger LOG = Logger.getLogger(NodeTls.class.getName());

  /**
   * Follows a change the node's invalidation let through (from the change channel or a peer,
   * whichever came first): a {@code cert} or {@code site} change drops what it names, so the next
   * handshake reads it again.
   */
  public void changed(KvChange change) {
    // A site change may start or stop its HTTPS (deleted, pending, tls.mode off): decide again.
    if (change.kind() == KvChange.Kind.CERT || change.kind() == KvChange.Kind.SITE) {
      certificates.invalidate(change.key());
    }
    // A site that became active with tls.mode auto gets its order now, not at its first handshake.
    if (issuer != null && change.kind() == KvChange.Kind.SITE && !HostNames.isWildcard(change.key())) {
      issuer.ensure(change.key()).onFailure(e -> LOG.fine(() -> "no order for " + change.key() + ": " + e.getMessage()));
    }
  }
}
