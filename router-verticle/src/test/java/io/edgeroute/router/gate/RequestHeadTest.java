package io.edgeroute.router.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The gate's head check leaves a canonical head as the very text received and rewrites any other,
 * and decides every head exactly as the line-by-line copy it replaced ({@link ReferenceHead}):
 * the same refusal (status and reason) or the same rewritten head, framing and upgrade, on a few
 * hundred thousand random heads built from the pieces hostile requests are made of.
 */
class RequestHeadTest {

  private static final String[] METHODS = {"GET", "HEAD", "POST", "get", "CONNECT", "G_T", "", "OPTIONS"};
  private static final String[] PATH_PIECES = {"/", "/", "/", "a", "b", ".", "..", "%2e", "%2E", "%2F", "%5c", "%61",
      "%00", "%zz", "%", "\\", "~", "-", "_"};
  private static final String[] ABSOLUTE = {"http://a.test", "HTTPS://b.test", "http://", "http://u@a.test",
      "http://a.test:8080", "ftp://a.test", "*"};
  private static final String[] QUERIES = {"", "", "?", "?x=1", "?a/../b", "?%2e", "#frag"};
  private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.x", "http/1.1"};
  private static final String[] NAMES = {"Host", "host", "HOST", "X-A", "X_A", "Content-Length", "content-length",
      "Transfer-Encoding", "transfer-encoding", "Upgrade", "Connection", "", " Folded", "\tFolded", "Bad Name",
      "Bad(Name", "Accept"};
  private static final String[] SEPARATORS = {": ", ": ", ":", ":  ", ":\t", ": \t"};
  private static final String[] VALUES = {"a.test", "a.test", "", "0", "5", "12", "-1", "0x5", "1234567890123456789",
      "chunked", "Chunked", "gzip, chunked", "chunked, chunked", "gzip", "chunked,", "websocket", " a.test ", "a\t",
      "x\u0001y", "\u007f", "\u00e9t\u00e9", "a:b", "v_1"};
  private static final String[] ENDINGS = {"\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\n", "\r", "\r\r\n", "\r\n "};

  @Test
  void aCanonicalHeadIsTheVeryTextReceived() {
    String head = "GET /a/b.css?x=1 HTTP/1.1\r\nHost: a.test\r\nAccept: */*\r\nX-Empty: \r\n\r\n";
    RequestHead parsed = RequestHead.parse(head);
    assertSame(head, parsed.text());
    assertEquals(RequestHead.Framing.NONE, parsed.framing());
  }

  @Test
  void aHeadThatMustChangeIsRewrittenFromItsFirstChangedLine() {
    String head = "GET /a/./b HTTP/1.1\r\nHost:a.test\r\nX_Forwarded_For: 1.2.3.4\r\nAccept:\t*/* \r\n\r\n";
    RequestHead parsed = RequestHead.parse(head);
    assertNotSame(head, parsed.text());
    assertEquals("GET /a/b HTTP/1.1\r\nHost: a.test\r\nAccept: */*\r\n\r\n", parsed.text());

    String later = "GET / HTTP/1.1\r\nHost: a.test\r\nAccept:  */*\r\nContent-Length: 3\r\n\r\n";
    RequestHead rewritten = RequestHead.parse(later);
    assertEquals("GET / HTTP/1.1\r\nHost: a.test\r\nAccept: */*\r\nContent-Length: 3\r\n\r\n", rewritten.text());
    assertEquals(RequestHead.Framing.LENGTH, rewritten.framing());
    assertEquals(3, rewritten.contentLength());
  }

  @Test
  void anAbsoluteTargetReplacesHost() {
    RequestHead parsed = RequestHead.parse("GET http://b.test/x?y HTTP/1.1\r\nHost: a.test\r\n\r\n");
    assertEquals("GET /x?y HTTP/1.1\r\nHost: b.test\r\n\r\n", parsed.text());
  }

  @Test
  void aBareCarriageReturnInsideALineIsRefused() {
    Refusal refusal = assertThrows(Refusal.class,
        () -> RequestHead.parse("GET / HTTP/1.1\r\nHost: a.test\rX-A: b\r\n\r\n"));
    assertEquals(400, refusal.status());
  }

  @Test
  void decidesEveryRandomHeadAsTheLineByLineCheckDid() {
    Random random = new Random(20261204);
    for (int n = 0; n < 300_000; n++) {
      String head = randomHead(random);
      assertSameDecision(head, () -> RequestHead.parse(head).toString(), () -> oldDecision(head));
    }
  }

  @Test
  void normalisesEveryRandomPathAsBefore() {
    Random random = new Random(4);
    for (int n = 0; n < 300_000; n++) {
      String path = "/" + randomPath(random);
      assertSameDecision(path, () -> RequestPath.normalise(path), () -> ReferenceHead.OldPath.normalise(path));
    }
  }

  private static String oldDecision(String head) {
    ReferenceHead.OldHead old = ReferenceHead.OldHead.parse(head);
    return new RequestHead(old.text(), RequestHead.Framing.valueOf(old.framing().name()), old.contentLength(),
        old.upgrade()).toString();
  }

  private static void assertSameDecision(String input, Supplier<String> now, Supplier<String> before) {
    String expected;
    try {
      expected = before.get();
    } catch (Refusal refusal) {
      expected = "refused " + refusal.status() + ": " + refusal.getMessage();
    }
    String actual;
    try {
      actual = now.get();
    } catch (Refusal refusal) {
      actual = "refused " + refusal.status() + ": " + refusal.getMessage();
    }
    assertEquals(expected, actual, () -> "for " + input.replace("\r", "\\r").replace("\n", "\\n"));
  }

  private static String randomHead(Random random) {
    StringBuilder head = new StringBuilder();
    head.append(pick(random, METHODS));
    head.append(random.nextInt(20) == 0 ? "  " : " ");
    if (random.nextInt(6) == 0) {
      head.append(pick(random, ABSOLUTE));
    }
    head.append('/').append(randomPath(random)).append(pick(random, QUERIES));
    head.append(random.nextInt(20) == 0 ? "  " : " ").append(pick(random, VERSIONS));
    head.append(random.nextInt(10) == 0 ? pick(random, ENDINGS) : "\r\n");
    int fields = random.nextInt(6);
    for (int i = 0; i < fields; i++) {
      head.append(pick(random, NAMES)).append(pick(random, SEPARATORS)).append(pick(random, VALUES));
      head.append(random.nextInt(10) == 0 ? pick(random, ENDINGS) : "\r\n");
    }
    head.append(random.nextInt(50) == 0 ? "\n" : "\r\n");
    return head.toString();
  }

  private static String randomPath(Random random) {
    StringBuilder path = new StringBuilder();
    int pieces = random.nextInt(8);
    for (int i = 0; i < pieces; i++) {
      path.append(pick(random, PATH_PIECES));
    }
    return path.toString();
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
