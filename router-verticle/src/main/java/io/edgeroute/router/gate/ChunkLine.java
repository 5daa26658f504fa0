package io.edgeroute.router.gate;

/**
 * A chunk-size line (RFC 9112 §7.1): hex digits, optional whitespace and extensions, which are
 * ignored. Sizes are bounded well before a long could wrap: {@code 10000000000000005} is refused,
 * never read as 5.
 */
final class ChunkLine {

  /** Largest chunk accepted: 2 GiB - 1, more than any sane client sends in one chunk. */
  static final long MAX_SIZE = Integer.MAX_VALUE;
  private static final int MAX_DIGITS = 8;

  private ChunkLine() {
  }

  /**
   * @param line the line without its CRLF
   * @return the chunk size
   * @throws Refusal 400 for a size that is not hex, too long, or followed by anything but
   *     whitespace and a {@code ;} extension
   */
  static long size(String line) {
    int end = 0;
    while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == 0) {
      throw Refusal.badRequest("a chunk size that is not hex");
    }
    int first = 0;
    while (first < end - 1 && line.charAt(first) == '0') {
      first++;
    }
    String stripped = line.substring(first, end);
    if (stripped.length() > MAX_DIGITS || Long.parseLong(stripped, 16) > MAX_SIZE) {
      throw Refusal.badRequest("a chunk size that overflows");
    }
    String rest = Tokens.trimOws(line.substring(end));
    if (!rest.isEmpty() && (rest.charAt(0) != ';' || !Tokens.isFieldValue(rest))) {
      throw Refusal.badRequest("a malformed chunk-size line");
    }
    return Long.parseLong(stripped, 16);
  }
}
