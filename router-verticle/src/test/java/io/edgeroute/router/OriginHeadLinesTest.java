package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Origin response heads read as they arrive, split anywhere, the way {@link OriginGuard} feeds them. */
class OriginHeadLinesTest {

  private static final String BODY_THAT_LOOKS_LIKE_A_HEAD = "X Odd: 1\r\nno colon\r\n\r\n";

  /** @return whether the whole response passed, fed in pieces cut at random */
  private static boolean passes(String response, Random random) {
    OriginHeadLines lines = new OriginHeadLines();
    lines.expectHead();
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < bytes.length) {
      int n = 1 + random.nextInt(Math.min(16, bytes.length - at));
      ByteBuf piece = Unpooled.wrappedBuffer(bytes, at, n);
      boolean fine = lines.read(piece);
      assertEquals(0, piece.readerIndex(), "the reader index is the codec's");
      if (!fine) {
        return false;
      }
      at += n;
    }
    return true;
  }

  private static String response(String status, String fields) {
    return "HTTP/1.1 " + status + "\r\n" + fields + "Content-Length: " + BODY_THAT_LOOKS_LIKE_A_HEAD.length()
        + "\r\n\r\n" + BODY_THAT_LOOKS_LIKE_A_HEAD;
  }

  @Test
  void fieldLinesTheCodecWouldGuessAtAreRefusedWhereverTheReadsAreCut() {
    Random random = new Random(7);
    List<String> refused = List.of("X Odd: 1\r\n", "X\tOdd: 1\r\n", "X-A: 1\r\nX Odd: 2\r\n", "No-Colon\r\n",
        ": empty-name\r\n", "X-A: 1\r\nNo-Colon\n", "X-A: 1\r\n\rX");
    List<String> passed = List.of("", "X-A: 1\r\n", "X-Space : 1\r\n", "X-Tabs\t\t:1\r\n", "X-Fold: a\r\n  b\r\n",
        "X-Empty:\r\n", "X-LF-Only: 1\n", "X-Colons: a: b : c\r\n", "X-Value: has spaces and X Odd: 1\r\n");
    for (int round = 0; round < 200; round++) {
      for (String fields : refused) {
        assertEquals(false, passes(response("200 OK", fields), random), fields);
      }
      for (String fields : passed) {
        assertEquals(true, passes(response("200 OK", fields), random), fields);
      }
    }
  }

  @Test
  void aHeadAfterAnInterimOneIsReadAndABodyNever() {
    Random random = new Random(11);
    String hints = "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n";
    for (int round = 0; round < 200; round++) {
      assertEquals(false, passes(hints + response("200 OK", "X Odd: 1\r\n"), random));
      assertEquals(true, passes(hints + "HTTP/1.1 100 Continue\r\n\r\n" + response("200 OK", "X-A: 1\r\n"), random));
      // After a final head the bytes are a body, or a tunnel's after 101: never read as lines.
      assertEquals(true, passes(response("204 No Content", ""), random));
      assertEquals(true, passes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
          + BODY_THAT_LOOKS_LIKE_A_HEAD, random));
    }
  }

  @Test
  void nothingIsReadUntilARequestWasSentAndEachRequestStartsAHead() {
    OriginHeadLines lines = new OriginHeadLines();
    assertEquals(true, lines.read(Unpooled.copiedBuffer("X Odd: 1\r\n", StandardCharsets.ISO_8859_1)));
    for (int i = 0; i < 3; i++) {
      lines.expectHead();
      assertEquals(true, lines.read(Unpooled.copiedBuffer(response("200 OK", "X-A: 1\r\n"), StandardCharsets.ISO_8859_1)));
    }
    lines.expectHead();
    assertEquals(false, lines.read(Unpooled.copiedBuffer(response("200 OK", "X Odd: 1\r\n"), StandardCharsets.ISO_8859_1)));
    assertEquals(false, lines.read(Unpooled.copiedBuffer("anything", StandardCharsets.ISO_8859_1)), "refused for good");
  }
}
