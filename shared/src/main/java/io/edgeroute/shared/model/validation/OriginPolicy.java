package io.edgeroute.shared.model.validation;

import io.edgeroute.shared.host.HostNames;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The private-origin rule of SPEC §7: an origin on loopback, link-local or private addresses
 * would let a tenant reach the operator's own network through the router, so tenant tokens may
 * not set one unless {@code admin.allowPrivateOrigins} is true.
 *
 * <p>Only what can be decided from the text is flagged: IP literals and {@code localhost} names.
 * A DNS name that resolves to a private address is not caught here (resolving at write time
 * proves nothing about dial time); that needs a check where the router connects.
 */
public final class OriginPolicy {

  private OriginPolicy() {
  }

  /**
   * @param host normalised as by {@code HostNames}: lowercase, IPv6 literals in brackets
   * @return what kind of non-public address it is ("a loopback address", ...), or {@code null}
   */
  public static String privateReason(String host) {
    if (host == null) {
      return null;
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return "a localhost name";
    }
    if (HostNames.isIpv4Literal(host)) {
      return ipv4Reason(literal(host).getAddress());
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      InetAddress address = literal(host);
      // Java already turns ::ffff:a.b.c.d into an Inet4Address.
      return address instanceof Inet4Address v4 ? ipv4Reason(v4.getAddress()) : ipv6Reason((Inet6Address) address);
    }
    return null;
  }

  private static String ipv4Reason(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0) {
      return "an unspecified (0.0.0.0/8) address";
    }
    if (first == 127) {
      return "a loopback address";
    }
    if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
      return "a private address";
    }
    if (first == 169 && second == 254) {
      return "a link-local address";
    }
    if (first == 100 && second >= 64 && second <= 127) {
      return "a shared (carrier-grade NAT) address";
    }
    if (first >= 224) {
      return "a multicast or reserved address";
    }
    return null;
  }

  private static String ipv6Reason(Inet6Address address) {
    byte[] b = address.getAddress();
    if (address.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
      return "a private (unique local) address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    if (address.isIPv4CompatibleAddress() || isNat64(b)) {
      return ipv4Reason(new byte[] {b[12], b[13], b[14], b[15]});
    }
    return null;
  }

  /** 64:ff9b::/96 embeds an IPv4 address that a NAT64 gateway would dial. */
  private static boolean isNat64(byte[] b) {
    if (b[0] != 0 || b[1] != 0x64 || b[2] != (byte) 0xff || b[3] != (byte) 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress literal(String host) {
    try {
      // A literal (checked by the callers) is parsed, never looked up in DNS.
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + host, e);
    }
  }
}
