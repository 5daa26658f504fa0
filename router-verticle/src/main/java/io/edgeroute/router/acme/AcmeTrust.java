package io.edgeroute.router.acme;

import io.edgeroute.shared.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** {@code acme.trustStore}: the PEM CA certificates a private ACME server's TLS is checked against. */
final class AcmeTrust {

  private AcmeTrust() {
  }

  /** @return an SSL context trusting exactly the certificates in the PEM file */
  static SSLContext from(Path pemFile) throws IOException, GeneralSecurityException {
    List<X509Certificate> certificates = Pem.chain(Files.readString(pemFile));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certificates.size(); i++) {
      store.setCertificateEntry("acme-ca-" + i, certificates.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
