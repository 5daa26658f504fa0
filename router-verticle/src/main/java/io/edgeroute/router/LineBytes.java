package io.edgeroute.router;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The access-log writer's buffer: lines are formatted straight into UTF-8 bytes, reused from batch
 * to batch. Formatting into a {@code StringBuilder} and encoding it afterwards copied every batch
 * twice more (the builder's {@code toString}, then {@code getBytes}). Not thread-safe: one per writer.
 */
final class LineBytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  LineBytes(int capacity) {
    bytes = new byte[capacity];
  }

  /** Appends text known to be ASCII (names, punctuation, digits), byte for char. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly the low-byte copy wanted
  LineBytes ascii(String text) {
    int n = text.length();
    ensure(n);
    // A bulk copy of the chars' low bytes (an array copy for a Latin-1 String): the field names of
    // every line went through here char by char, half of a line's formatting time.
    text.getBytes(0, n, bytes, length);
    length += n;
    return this;
  }

  /** Appends one ASCII character. */
  LineBytes ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends {@code n} in decimal. */
  LineBytes number(long n) {
    if (n < 0) {
      if (n == Long.MIN_VALUE) {
        return ascii(Long.toString(n));
      }
      ascii('-');
      n = -n;
    }
    int digits = 1;
    for (long rest = n / 10; rest != 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    length += digits;
    return this;
  }

  /**
   * Appends {@code value} as a JSON string, or {@code null}: quote, backslash and control
   * characters escaped, a lone surrogate (which UTF-8 cannot carry) escaped as {@code \\uXXXX},
   * everything else in UTF-8.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int), on printable ASCII only
  LineBytes jsonString(String value) {
    if (value == null) {
      return ascii("null");
    }
    int n = value.length();
    // At most 6 bytes per char (an escaped one); a surrogate pair takes 4 for its two.
    ensure(2 + 6 * n);
    bytes[length++] = '"';
    // Most values (ids, hosts, paths) are printable ASCII throughout: found first, copied in bulk.
    int plain = 0;
    while (plain < n && isPlain(value.charAt(plain))) {
      plain++;
    }
    value.getBytes(0, plain, bytes, length);
    length += plain;
    for (int i = plain; i < n; i++) {
      char c = value.charAt(i);
      if (isPlain(c)) {
        bytes[length++] = (byte) c;
      } else if (c < 0x80) {
        escapeAscii(c);
      } else if (c < 0x800) {
        bytes[length++] = (byte) (0xc0 | c >> 6);
        bytes[length++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        bytes[length++] = (byte) (0xf0 | cp >> 18);
        bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
        bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
        bytes[length++] = (byte) (0x80 | cp & 0x3f);
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        bytes[length++] = (byte) (0xe0 | c >> 12);
        bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
        bytes[length++] = (byte) (0x80 | c & 0x3f);
      }
    }
    bytes[length++] = '"';
    return this;
  }

  /** @return whether {@code c} is written as its one byte: printable ASCII but quote and backslash */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  }

  private void escapeAscii(char c) {
    switch (c) {
      case '"' -> shortEscape('"');
      case '\\' -> shortEscape('\\');
      case '\n' -> shortEscape('n');
      case '\r' -> shortEscape('r');
      case '\t' -> shortEscape('t');
      default -> unicodeEscape(c);
    }
  }

  private void shortEscape(char c) {
    bytes[length++] = '\\';
    bytes[length++] = (byte) c;
  }

  private void unicodeEscape(char c) {
    bytes[length++] = '\\';
    bytes[length++] = 'u';
    bytes[length++] = HEX[c >> 12 & 0xf];
    bytes[length++] = HEX[c >> 8 & 0xf];
    bytes[length++] = HEX[c >> 4 & 0xf];
    bytes[length++] = HEX[c & 0xf];
  }

  int length() {
    return length;
  }

  /** Empties the buffer, keeping at most {@code maxCapacity} bytes of it for the next batch. */
  void clear(int maxCapacity) {
    length = 0;
    if (bytes.length > maxCapacity) {
      bytes = new byte[maxCapacity];
    }
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  /** @return the bytes as text (UTF-8) */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
