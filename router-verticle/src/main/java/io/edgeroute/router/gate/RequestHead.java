package io.edgeroute.router.gate;

/**
 * One visitor request head, checked against SPEC §4a and rewritten into the only form the HTTP
 * decoder behind the gate ever sees: origin-form target with its path normalised
 * ({@link RequestPath}), the absolute-form authority as the one {@code Host}, and no header whose
 * name holds {@code _}. Anything ambiguous is a {@link Refusal}.
 *
 * @param text          the rewritten head, ending with the empty line
 * @param framing       how the body that follows is delimited
 * @param contentLength the body's length for {@link Framing#LENGTH}
 * @param upgrade       whether the request asks to switch protocols (a WebSocket handshake)
 */
record RequestHead(String text, Framing framing, long contentLength, boolean upgrade) {

  /** How a request body is delimited (RFC 9112 §6.3). */
  enum Framing {
    NONE, LENGTH, CHUNKED
  }

  /** Longest Content-Length accepted: 18 digits cannot overflow a long. */
  private static final int MAX_LENGTH_DIGITS = 18;

  /**
   * Checks {@code head} line by line in place: a head already in canonical form (the usual case)
   * is returned as the very same text, with no line copied; the first line that must change
   * starts the rewritten text, from which point every line is copied in its canonical form.
   *
   * @param head the head as received, ISO-8859-1, from the request line to the empty line included
   * @throws Refusal when the head is malformed or ambiguous
   */
  static RequestHead parse(String head) {
    if (!head.endsWith("\r\n\r\n")) {
      throw Refusal.badRequest("the head does not end with an empty line");
    }
    int end = head.length() - 4;
    bareLineEnds(head, end);
    // From here every CR in [0, end) starts a CRLF and every LF ends one: lines split at CRLF.
    int lineEnd = lineEnd(head, 0, end);
    RequestLine requestLine = RequestLine.parse(head, 0, lineEnd);
    String authority = requestLine.authority();
    StringBuilder out = null;
    if (authority != null || !requestLine.isAsSent(head, 0, lineEnd)) {
      out = new StringBuilder(head.length() + 16);
      out.append(requestLine.method()).append(' ').append(requestLine.target()).append(' ')
          .append(requestLine.version()).append("\r\n");
      if (authority != null) {
        out.append("Host: ").append(authority).append("\r\n");
      }
    }
    int hosts = 0;
    Fields fields = new Fields();
    for (int from = lineEnd + 2; from <= end; from = lineEnd + 2) {
      lineEnd = lineEnd(head, from, end);
      if (lineEnd == from || head.charAt(from) == ' ' || head.charAt(from) == '\t') {
        throw Refusal.badRequest("a folded header line");
      }
      int colon = head.indexOf(':', from);
      if (colon < 0 || colon >= lineEnd || colon == from) {
        throw Refusal.badRequest(colon == from ? "an empty header name" : "a header line without a colon");
      }
      if (!Tokens.isToken(head, from, colon)) {
        throw Refusal.badRequest("a header name that is not a token");
      }
      int valueStart = Tokens.owsEnd(head, colon + 1, lineEnd);
      int valueEnd = Tokens.owsStart(head, valueStart, lineEnd);
      if (!Tokens.isFieldValue(head, valueStart, valueEnd)) {
        throw Refusal.badRequest("a control character in a header value");
      }
      boolean dropped = false;
      if (Tokens.holds(head, from, colon, '_')) {
        // nginx's default: X_Forwarded_For must never pose as X-Forwarded-For to a CGI-style origin.
        dropped = true;
      } else if (is(head, from, colon, "transfer-encoding")) {
        fields.transferEncoding(head.substring(valueStart, valueEnd));
      } else if (is(head, from, colon, "content-length")) {
        fields.contentLength(head.substring(valueStart, valueEnd));
      } else if (is(head, from, colon, "upgrade")) {
        fields.upgrade = true;
      } else if (is(head, from, colon, "host")) {
        hosts++;
        // RFC 9112 §3.2.2: the absolute-form authority wins; the Host line is replaced by it.
        dropped = authority != null;
      }
      boolean asSent = !dropped && valueStart == colon + 2 && head.charAt(colon + 1) == ' ' && valueEnd == lineEnd;
      if (out == null && !asSent) {
        // The first line to change: every line before it is kept as it came.
        out = new StringBuilder(head.length() + 16).append(head, 0, from);
      }
      if (out != null && !dropped) {
        out.append(head, from, colon).append(": ").append(head, valueStart, valueEnd).append("\r\n");
      }
    }
    if (hosts > 1) {
      throw Refusal.badRequest("more than one Host header");
    }
    if (hosts == 0 && authority == null && requestLine.version().equals("HTTP/1.1")) {
      throw Refusal.badRequest("no Host header");
    }
    String text = out == null ? head : out.append("\r\n").toString();
    return framed(text, requestLine.version(), fields);
  }

  /** Refuses a CR that does not start a CRLF, or an LF that does not end one, before {@code end}. */
  private static void bareLineEnds(String head, int end) {
    for (int i = 0; i < end; i++) {
      char c = head.charAt(i);
      if (c == '\r' ? i + 1 >= end || head.charAt(i + 1) != '\n' : c == '\n' && (i == 0 || head.charAt(i - 1) != '\r')) {
        throw Refusal.badRequest("a bare CR or LF in the head");
      }
    }
  }

  /** @return where the line starting at {@code from} ends: its CRLF, or {@code end} for the last line */
  private static int lineEnd(String head, int from, int end) {
    int crlf = head.indexOf('\r', from);
    return crlf < 0 || crlf > end ? end : crlf;
  }

  /** @return whether the header name in {@code [from, to)} is {@code lowerName}, in any case */
  private static boolean is(String head, int from, int to, String lowerName) {
    return to - from == lowerName.length() && head.regionMatches(true, from, lowerName, 0, lowerName.length());
  }

  /** The framing fields of one head, as found. */
  private static final class Fields {
    int transferEncodings;
    String transferEncoding;
    int contentLengths;
    String contentLength;
    boolean upgrade;

    void transferEncoding(String value) {
      if (transferEncodings++ == 0) {
        transferEncoding = value;
      }
    }

    void contentLength(String value) {
      if (contentLengths++ == 0) {
        contentLength = value;
      }
    }
  }

  private static RequestHead framed(String text, String version, Fields fields) {
    if (fields.transferEncodings > 0) {
      if (version.equals("HTTP/1.0")) {
        throw Refusal.badRequest("Transfer-Encoding on HTTP/1.0");
      }
      if (fields.contentLengths > 0) {
        throw Refusal.badRequest("both Transfer-Encoding and Content-Length");
      }
      if (fields.transferEncodings > 1) {
        throw Refusal.badRequest("more than one Transfer-Encoding line");
      }
      transferCoding(fields.transferEncoding);
      return new RequestHead(text, Framing.CHUNKED, -1, fields.upgrade);
    }
    if (fields.contentLengths == 0) {
      return new RequestHead(text, Framing.NONE, 0, fields.upgrade);
    }
    if (fields.contentLengths > 1) {
      throw Refusal.badRequest("more than one Content-Length line");
    }
    String length = fields.contentLength;
    if (length.length() > MAX_LENGTH_DIGITS || !Tokens.isDigits(length)) {
      throw Refusal.badRequest("a malformed Content-Length");
    }
    long n = Long.parseLong(length);
    return new RequestHead(text, n == 0 ? Framing.NONE : Framing.LENGTH, n, fields.upgrade);
  }

  /**
   * Accepts exactly {@code chunked} (in any case, as nginx does). A list is refused: with
   * {@code chunked} in it, it is ambiguous (400); without, it names codings the router does not
   * decode (501).
   */
  private static void transferCoding(String value) {
    String[] codings = value.split(",", -1);
    boolean chunked = false;
    for (String coding : codings) {
      String c = Tokens.trimOws(coding);
      if (c.isEmpty() || !Tokens.isToken(c)) {
        throw Refusal.badRequest("a malformed Transfer-Encoding");
      }
      chunked |= c.equalsIgnoreCase("chunked");
    }
    if (chunked && codings.length == 1) {
      return;
    }
    if (chunked) {
      throw Refusal.badRequest("a Transfer-Encoding other than exactly chunked");
    }
    throw new Refusal(501, "an unsupported Transfer-Encoding");
  }
}
