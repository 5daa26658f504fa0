package io.edgeroute.shared.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNamesTest {

  @Test
  void convertsInternationalNamesToALabels() {
    assertEquals("xn--bcher-kva.example", HostNames.normalize("bücher.example"));
    assertEquals("xn--bcher-kva.example", HostNames.normalize("BÜCHER.example"));
    assertEquals("xn--bcher-kva.example", HostNames.fromHostHeader("bücher.example"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"xn--a.test", "xn--.test", "xn--abc-.test", "www.xn--zz.test", "*.xn--a.test", "XN--A.test",
      "xn--bcher-kva-.test", "xn--55qx5d-.test"})
  void refusesXnLabelsThatAreNotValidIdna(String host) {
    assertThrows(InvalidHostException.class, () -> HostNames.normalize(host));
  }

  @Test
  void keepsValidALabelsAsSent() {
    assertEquals("xn--bcher-kva.example", HostNames.normalize("XN--BCHER-KVA.example"));
    assertEquals("*.xn--55qx5d.test", HostNames.normalize("*.xn--55qx5d.test"));
  }

  @Test
  void treatsIdeographicFullStopAsADot() {
    assertEquals("xn--bcher-kva.example", HostNames.normalize("bücher\u3002example"));
  }

  @Test
  void lowercasesAndDropsTrailingDot() {
    assertEquals("myblog.com", HostNames.normalize("MyBlog.COM."));
  }

  @Test
  void dropsThePort() {
    assertEquals("myblog.com", HostNames.normalize("myblog.com:8080"));
    assertEquals("myblog.com", HostNames.fromHostHeader("MyBlog.com.:8080"));
  }

  @Test
  void acceptsAWildcardSiteButNotAWildcardRequestHost() {
    assertEquals("*.example.com", HostNames.normalize("*.Example.com"));
    InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader("*.example.com"));
    assertTrue(e.getMessage().contains("wildcard"), e.getMessage());
  }

  @Test
  void refusesAWildcardOverATopLevelDomainOrInTheMiddle() {
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("*.com"));
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("a.*.example.com"));
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("*foo.example.com"));
  }

  @Test
  void refusesALabelLongerThan63() {
    String label = "a".repeat(64);
    InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostNames.normalize(label + ".com"));
    assertTrue(e.getMessage().contains("63"), e.getMessage());
    assertEquals("a".repeat(63) + ".com", HostNames.normalize("a".repeat(63) + ".com"));
  }

  @Test
  void refusesAHostLongerThan253() {
    String label = "a".repeat(63);
    String host = String.join(".", label, label, label, "a".repeat(61));
    assertEquals(253, host.length());
    assertEquals(host, HostNames.normalize(host));
    InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostNames.normalize(host + "a"));
    assertTrue(e.getMessage().contains("253"), e.getMessage());
  }

  @Test
  void refusesLeadingOrTrailingDash() {
    InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostNames.normalize("-blog.com"));
    assertTrue(e.getMessage().contains("'-'"), e.getMessage());
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("blog-.com"));
  }

  @Test
  void refusesEmptyLabels() {
    InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostNames.normalize("a..b"));
    assertTrue(e.getMessage().contains("empty label"), e.getMessage());
    assertThrows(InvalidHostException.class, () -> HostNames.normalize(".a.b"));
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "my blog.com", "user@myblog.com", "myblog.com/x", "my_blog.com", "myblog.com:",
      "myblog.com:99999", "myblog.com:80:80", "::1", "127.1", "2130706433", "a.0x7f"})
  void refusesRequestHostsThatAreNotHosts(String value) {
    assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader(value));
  }

  @Test
  void refusesAMissingHost() {
    assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader(null));
    assertThrows(InvalidHostException.class, () -> HostNames.normalize(null));
  }

  @Test
  void acceptsIpLiteralsAsRequestHosts() {
    assertEquals("10.0.0.5", HostNames.fromHostHeader("10.0.0.5:8080"));
    assertEquals("[::1]", HostNames.fromHostHeader("[::1]:8080"));
    assertEquals("[2001:db8::1]", HostNames.fromHostHeader("[2001:DB8::1]"));
    assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader("[::1"));
    assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader("[::1]x"));
    assertThrows(InvalidHostException.class, () -> HostNames.fromHostHeader("[nothex]"));
  }

  @Test
  void refusesIpv6SiteHosts() {
    assertThrows(InvalidHostException.class, () -> HostNames.normalize("[::1]"));
  }

  @Test
  void findsTheWildcardOneLevelUp() {
    assertEquals("*.b.c", HostNames.wildcardParent("a.b.c"));
    assertEquals("*.example.com", HostNames.wildcardParent("shop.example.com"));
    assertNull(HostNames.wildcardParent("example.com"), "no *.com site can exist");
    assertNull(HostNames.wildcardParent("localhost"));
    assertNull(HostNames.wildcardParent("10.0.0.5"));
    assertNull(HostNames.wildcardParent("[::1]"));
  }

  @Test
  void parsesConnectToAddresses() {
    assertEquals(new HostPort("10.0.0.5", 8443), HostPort.parse("10.0.0.5:8443"));
    assertEquals(new HostPort("[::1]", 443), HostPort.parse("[::1]:443"));
    assertEquals("::1", HostPort.parse("[::1]:443").unbracketedHost());
    assertEquals("[::1]:443", HostPort.parse("[::1]:443").toString());
    assertEquals(new HostPort("backend.internal", 80), HostPort.parse("Backend.Internal:80"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("10.0.0.5"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("[::1]"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:443"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("host:0"));
  }
}
