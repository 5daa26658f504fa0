package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The host checks every request runs (SPEC §4): names and bracketed IPv6 literals. */
class RequestHostTest {

  /** The grammar as a regular expression: what the loops must accept, no more and no less. */
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

  @Test
  void namesAreDotSeparatedLabelsThatNeitherStartNorEndWithAHyphen() {
    for (String good : List.of("a", "myblog.com", "shop-1.example", "_acme.example", "a.b.c.d", "127.0.0.1",
        "x--y.example", "0.example")) {
      assertTrue(RequestHost.isName(good), good);
    }
    for (String bad : List.of("", ".", "a..b", ".a", "-a.example", "a-.example", "a.-b", "MyBlog.com", "a b",
        "a/b", "a:80", "é.example", "a.example.", "[::1]", "a%2e.example")) {
      assertFalse(RequestHost.isName(bad), bad);
    }
  }

  @Test
  void ipv6LiteralsAreBracketedHexColonsAndDots() {
    for (String good : List.of("[::1]", "[2001:db8::1]", "[::ffff:192.0.2.1]")) {
      assertTrue(RequestHost.isBracketedIpv6(good), good);
    }
    for (String bad : List.of("[]", "[", "]", "::1", "[::1", "::1]", "[::g]", "[fe80::1%eth0]", "[::1]:80", "[ ::1]")) {
      assertFalse(RequestHost.isBracketedIpv6(bad), bad);
    }
  }

  @Test
  void theLoopsAgreeWithTheGrammarOnRandomStrings() {
    Random random = new Random(42);
    String alphabet = "ab-_.z09[]:fgA %";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder host = new StringBuilder();
      int length = random.nextInt(9);
      for (int j = 0; j < length; j++) {
        host.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String h = host.toString();
      assertEquals(NAME.matcher(h).matches(), RequestHost.isName(h), "name: " + h);
      assertEquals(IPV6.matcher(h).matches(), RequestHost.isBracketedIpv6(h), "ipv6: " + h);
    }
  }
}
