package io.edgeroute.router.tls;

import io.edgeroute.router.acme.AcmeChallenges;
import io.edgeroute.router.acme.AcmeIssuer;

/**
 * A node's HTTPS parts, shared by its router instances: the certificates served by SNI, the ACME
 * HTTP-01 answers of the plain listener, and the issuer of on-demand certificates.
 *
 * @param issuer {@code null} when {@code acme.directoryUrl} is unset
 */
public record NodeTls(CertificateCache certificates, AcmeChallenges challenges, AcmeIssuer issuer) {
}
