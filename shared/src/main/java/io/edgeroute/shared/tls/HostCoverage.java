package io.edgeroute.shared.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate names a host, by its DNS subject alternative names as RFC 6125 says (the
 * subject CN is ignored, as browsers do): an exact name, or {@code *.parent} for exactly one label
 * more. A wildcard site {@code *.parent} needs the wildcard name itself.
 */
public final class HostCoverage {

  private static final int DNS_NAME = 2;

  private HostCoverage() {
  }

  /** @return the DNS names of {@code certificate}, lowercase, in order */
  public static List<String> dnsNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String name) {
            out.add(name.toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("the subject alternative names do not parse: " + e.getMessage());
    }
    return out;
  }

  /** @return whether one of {@code names} covers {@code host} (normalised, or {@code *.parent}) */
  public static boolean covers(List<String> names, String host) {
    for (String name : names) {
      if (name.equals(host)) {
        return true;
      }
      if (name.startsWith("*.") && !host.startsWith("*.")) {
        int dot = host.indexOf('.');
        if (dot > 0 && host.substring(dot + 1).equals(name.substring(2))) {
          return true;
        }
      }
    }
    return false;
  }
}
