package io.edgeroute.shared.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address
 * means that one host ({@code /32} or {@code /128}). Parsing never touches DNS: only literal
 * addresses are accepted.
 */
public final class Cidr {

  private final String text;
  private final byte[] network;
  private final int prefixLength;

  private Cidr(String text, byte[] network, int prefixLength) {
    this.text = text;
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * @param text {@code address/prefixLength} or a bare address
   * @return the network
   * @throws IllegalArgumentException when it is not a literal IP network (message without key)
   */
  public static Cidr parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      throw new IllegalArgumentException("\"" + text + "\" is not a CIDR like \"10.0.0.0/8\" or \"fd00::/8\"");
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > max) {
        throw new IllegalArgumentException("\"" + text + "\" has a prefix length outside 0.." + max);
      }
      prefix = Integer.parseInt(p);
    }
    return new Cidr(t, mask(bytes, prefix), prefix);
  }

  /** @return whether {@code address} lies in this network (an IPv4 address never matches IPv6) */
  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
  }

  public int prefixLength() {
    return prefixLength;
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - bits)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr && ((Cidr) o).prefixLength == prefixLength
        && Arrays.equals(((Cidr) o).network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /** @return the text it was parsed from */
  @Override
  public String toString() {
    return text;
  }
}
