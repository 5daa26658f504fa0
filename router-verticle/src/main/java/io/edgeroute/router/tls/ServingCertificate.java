package io.edgeroute.router.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A decrypted certificate ready for handshakes.
 *
 * @param host  the KV host it was stored under: the name itself or its wildcard {@code *.parent}
 * @param chain leaf first
 */
record ServingCertificate(String host, X509Certificate[] chain, PrivateKey key) {
}
