package io.edgeroute.router.acme;

import io.edgeroute.shared.config.AcmeOptions;
import io.edgeroute.shared.tls.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * One ACME order for one name, start to finish, with acme4j (RFC 8555, challenge {@code http-01}).
 * Every method blocks on the network: call it from a worker ({@code executeBlocking}), never from an
 * event loop. The account is registered (or found again, by its key) on the first order.
 */
final class AcmeOrderer {

  /** Publishes a challenge's key authorization where every node answers it; blocks until stored. */
  interface ChallengePublisher {
    void publish(String token, String keyAuthorization) throws Exception;

    void withdraw(String token);
  }

  /** An issued certificate: the chain from the ACME server and the key made for it. */
  record Issued(List<X509Certificate> chain, PrivateKey key) {
  }

  /** The ACME server refused or the order did not complete; the message says why. */
  static final class OrderFailure extends Exception {
    OrderFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private final AcmeOptions options;
  private Login login;

  AcmeOrderer(AcmeOptions options) {
    this.options = options;
  }

  /** Orders a certificate for {@code host}; blocking. */
  Issued order(String host, ChallengePublisher challenges) throws OrderFailure {
    try {
      Order order = login().newOrder().domain(host).create();
      for (Authorization authorization : order.getAuthorizations()) {
        if (authorization.getStatus() == Status.VALID) {
          continue;
        }
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
            .orElseThrow(() -> new OrderFailure("the ACME server offers no http-01 challenge for " + host, null));
        challenges.publish(challenge.getToken(), challenge.getAuthorization());
        try {
          challenge.trigger();
          Status status = challenge.waitForCompletion(STEP_TIMEOUT);
          if (status != Status.VALID) {
            throw new OrderFailure("challenge " + status.name().toLowerCase() + ": "
                + challenge.getError().map(p -> p.getDetail().orElse(p.toString())).orElse("no reason given"), null);
          }
        } finally {
          challenges.withdraw(challenge.getToken());
        }
      }
      KeyPair domainKey = ecKeyPair();
      order.execute(domainKey);
      Status status = order.waitForCompletion(STEP_TIMEOUT);
      if (status != Status.VALID) {
        throw new OrderFailure("order " + status.name().toLowerCase() + ": "
            + order.getError().map(p -> p.getDetail().orElse(p.toString())).orElse("no reason given"), null);
      }
      return new Issued(order.getCertificate().getCertificateChain(), domainKey.getPrivate());
    } catch (OrderFailure e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrderFailure("interrupted", e);
    } catch (Exception e) {
      throw new OrderFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private synchronized Login login() throws AcmeException, IOException, GeneralSecurityException {
    if (login == null) {
      Session session = new Session(URI.create(options.getDirectoryUrl()), provider());
      AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
      if (options.getEmail() != null) {
        account.addEmail(options.getEmail());
      }
      login = account.createLogin(session);
    }
    return login;
  }

  /** The generic provider, trusting {@code acme.trustStore} when it is set. */
  private GenericAcmeProvider provider() throws IOException, GeneralSecurityException {
    SSLContext trust = options.getTrustStore() == null ? null : AcmeTrust.from(Path.of(options.getTrustStore()));
    return new GenericAcmeProvider() {
      @Override
      public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(settings.getTimeout());
        if (trust != null) {
          builder.sslContext(trust);
        }
        return builder.build();
      }
    };
  }

  /** {@code acme.accountKeyFile} (PKCS#8 PEM, EC P-256), made and written when missing. */
  private KeyPair accountKey() throws IOException, GeneralSecurityException {
    String file = options.getAccountKeyFile();
    if (file != null && Files.exists(Path.of(file))) {
      PrivateKey key = Pem.privateKey(Files.readString(Path.of(file)));
      if (!(key instanceof ECPrivateKey ec)) {
        throw new GeneralSecurityException("acme.accountKeyFile must hold an EC key");
      }
      return new KeyPair(publicKeyOf(ec), key);
    }
    KeyPair pair = ecKeyPair();
    if (file != null) {
      Files.writeString(Path.of(file), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n");
    }
    return pair;
  }

  private static java.security.PublicKey publicKeyOf(ECPrivateKey key) throws GeneralSecurityException {
    // The JDK cannot derive an EC public key from the private one; BouncyCastle's curve arithmetic
    // (acme4j's own dependency) computes Q = d·G on P-256, the only curve this file is written with.
    org.bouncycastle.jce.spec.ECParameterSpec spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
    org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(key.getS()).normalize();
    ECPublicKeySpec publicSpec = new ECPublicKeySpec(new java.security.spec.ECPoint(
        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), key.getParams());
    return KeyFactory.getInstance("EC").generatePublic(publicSpec);
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
