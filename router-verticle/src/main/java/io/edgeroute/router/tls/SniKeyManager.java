package io.edgeroute.router.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The one key manager of the HTTPS listener: picks the certificate by the handshake's SNI name from
 * what {@link CertificateCache} already holds. It never loads (it may run on an event loop): the
 * SNI mapping that runs before it, on a worker, did. The alias is the server name itself. A
 * handshake without SNI, or for a name without a certificate, gets no alias, and the TLS stack
 * refuses it with a fatal alert.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

  private final CertificateCache cache;

  SniKeyManager(CertificateCache cache) {
    this.cache = cache;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    // Only engines are used by Netty; a socket has no handshake session to read SNI from here.
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServingCertificate certificate = cache.peek(alias);
    return certificate == null ? null : certificate.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServingCertificate certificate = cache.peek(alias);
    return certificate == null ? null : certificate.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private String choose(String keyType, SSLSession session) {
    String name = serverName(session);
    ServingCertificate certificate = name == null ? null : cache.peek(name);
    if (certificate == null || !compatible(keyType, certificate.key().getAlgorithm())) {
      return null;
    }
    return name;
  }

  /** The JDK asks once per key type its cipher suites allow; answer only for the key we hold. */
  private static boolean compatible(String keyType, String keyAlgorithm) {
    return keyType.equals(keyAlgorithm)
        || (keyType.equals("EdDSA") && (keyAlgorithm.equals("Ed25519") || keyAlgorithm.equals("Ed448")));
  }

  private static String serverName(SSLSession session) {
    if (!(session instanceof ExtendedSSLSession extended)) {
      return null;
    }
    for (SNIServerName name : extended.getRequestedServerNames()) {
      if (name.getType() == StandardConstants.SNI_HOST_NAME) {
        return name instanceof SNIHostName host ? host.getAsciiName() : new SNIHostName(name.getEncoded()).getAsciiName();
      }
    }
    return null;
  }
}
