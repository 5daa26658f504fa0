package io.edgeroute.shared.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw TLS client for tests: one full handshake (no session reuse) with a chosen SNI name, trusting
 * whatever the server shows, so a test can look at exactly which certificate was served. Blocking:
 * call it from the test thread.
 */
public final class TlsProbe {

  private TlsProbe() {
  }

  /**
   * @param serverName the SNI name to send, or {@code null} for none
   * @return the leaf certificate the server presented
   * @throws IOException when the handshake fails (an {@code SSLException} for a TLS alert)
   */
  public static X509Certificate handshake(int port, String serverName) throws IOException {
    try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(15_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
