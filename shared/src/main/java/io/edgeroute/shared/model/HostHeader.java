package io.edgeroute.shared.model;

/** Which Host the router sends to an origin (SPEC §3 {@code origin.hostHeader}). */
public enum HostHeader {
  /** The host of {@code origin.url}; the default, what a CDN does for a named origin. */
  ORIGIN("origin"),
  /** The host the visitor asked for; what a managed host with its own vhosts wants (seed 002). */
  CLIENT("client");

  private final String wire;

  HostHeader(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * @return the constant for {@code "origin"} or {@code "client"}, {@code null} for
   *     {@code null}
   * @throws IllegalArgumentException for any other value
   */
  public static HostHeader fromWire(String value) {
    if (value == null) {
      return null;
    }
    for (HostHeader h : values()) {
      if (h.wire.equals(value)) {
        return h;
      }
    }
    throw new IllegalArgumentException("hostHeader must be \"origin\" or \"client\", not \"" + value + "\"");
  }
}
