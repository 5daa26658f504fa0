package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Access-log text as bytes: every string survives as JSON in valid UTF-8 on one line; numbers as Long.toString. */
class LineBytesTest {

  /** Pieces that need care: controls, DEL, quote, backslash, 2- and 3-byte chars, pairs, lone halves. */
  private static final String[] PIECES = {"a", "Z", "/", " ", "\"", "\\", "\n", "\r", "\t", "\u0000", "\u001f",
      "\u007f", "\u0080", "\u00e9", "\u07ff", "\u0800", "\u20ac", "\uffff", "\ud83d\ude00", "\udbff\udfff", "\ud800",
      "\udc00", "\ud83d", "\ude00"};

  @Test
  void everyStringComesBackFromTheJsonAsItWasInValidUtf8OnOneLine() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder value = new StringBuilder();
      int pieces = random.nextInt(12);
      for (int i = 0; i < pieces; i++) {
        value.append(PIECES[random.nextInt(PIECES.length)]);
      }
      LineBytes line = new LineBytes(4).ascii("{\"v\":").jsonString(value.toString()).ascii('}');
      byte[] bytes = bytesOf(line);
      for (byte b : bytes) {
        assertTrue(b < 0 || b >= 0x20, "a raw control byte in " + value);
      }
      String text = strictUtf8(bytes);
      assertEquals(value.toString(), new JsonObject(text).getString("v"), text);
    }
  }

  @Test
  void aPlainRunThenAnythingComesBackAsItWas() throws IOException {
    String plain = "c0863.bench.test/a b~";
    for (String piece : PIECES) {
      for (String value : new String[] {plain + piece, plain + piece + plain, piece + plain}) {
        LineBytes line = new LineBytes(4).ascii("{\"v\":").jsonString(value).ascii('}');
        String text = strictUtf8(bytesOf(line));
        assertEquals(value, new JsonObject(text).getString("v"), text);
      }
    }
  }

  @Test
  void nullIsJsonNull() {
    assertEquals("{\"v\":null}", new LineBytes(4).ascii("{\"v\":").jsonString(null).ascii('}').toString());
  }

  @Test
  void numbersAreWrittenAsLongToStringWrites() {
    Random random = new Random(7);
    long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE};
    for (long n : edges) {
      assertEquals(Long.toString(n), new LineBytes(1).number(n).toString());
    }
    for (int i = 0; i < 10_000; i++) {
      long n = random.nextLong() >> random.nextInt(64);
      assertEquals(Long.toString(n), new LineBytes(1).number(n).toString());
    }
  }

  @Test
  void clearingKeepsABoundedBufferAndStartsEmpty() throws IOException {
    LineBytes line = new LineBytes(8);
    line.ascii("x".repeat(1000));
    line.clear(16);
    assertEquals(0, line.length());
    line.ascii("ok");
    assertEquals("ok", new String(bytesOf(line), StandardCharsets.UTF_8));
  }

  private static byte[] bytesOf(LineBytes line) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    line.writeTo(out);
    assertEquals(line.length(), out.size());
    return out.toByteArray();
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not valid UTF-8", e);
    }
  }
}
