package io.edgeroute.router.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
   * @param head the head as received, ISO-8859-1, from the request line to the empty line included
   * @throws Refusal when the head is malformed or ambiguous
   */
  static RequestHead parse(String head) {
    if (!head.endsWith("\r\n\r\n")) {
      throw Refusal.badRequest("the head does not end with an empty line");
    }
    List<String> lines = lines(head.substring(0, head.length() - 4));
    for (String line : lines) {
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw Refusal.badRequest("a bare CR or LF in the head");
      }
    }
    RequestLine requestLine = RequestLine.parse(lines.get(0));
    StringBuilder out = new StringBuilder(head.length() + 16);
    out.append(requestLine.method()).append(' ').append(requestLine.target()).append(' ').append(requestLine.version())
        .append("\r\n");
    if (requestLine.authority() != null) {
      out.append("Host: ").append(requestLine.authority()).append("\r\n");
    }
    int hosts = 0;
    List<String> transferEncodings = new ArrayList<>(1);
    List<String> contentLengths = new ArrayList<>(1);
    boolean upgrade = false;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw Refusal.badRequest("a folded header line");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw Refusal.badRequest(colon == 0 ? "an empty header name" : "a header line without a colon");
      }
      String name = line.substring(0, colon);
      if (!Tokens.isToken(name)) {
        throw Refusal.badRequest("a header name that is not a token");
      }
      String value = Tokens.trimOws(line.substring(colon + 1));
      if (!Tokens.isFieldValue(value)) {
        throw Refusal.badRequest("a control character in a header value");
      }
      if (name.indexOf('_') >= 0) {
        // nginx's default: X_Forwarded_For must never pose as X-Forwarded-For to a CGI-style origin.
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      switch (lower) {
        case "transfer-encoding" -> transferEncodings.add(value);
        case "content-length" -> contentLengths.add(value);
        case "upgrade" -> upgrade = true;
        case "host" -> {
          hosts++;
          if (requestLine.authority() != null) {
            // RFC 9112 §3.2.2: the absolute-form authority wins; the Host line is replaced by it.
            continue;
          }
        }
        default -> {
        }
      }
      out.append(name).append(": ").append(value).append("\r\n");
    }
    if (hosts > 1) {
      throw Refusal.badRequest("more than one Host header");
    }
    if (hosts == 0 && requestLine.authority() == null && requestLine.version().equals("HTTP/1.1")) {
      throw Refusal.badRequest("no Host header");
    }
    out.append("\r\n");
    return framed(out.toString(), requestLine.version(), transferEncodings, contentLengths, upgrade);
  }

  /** Splits on CRLF without a regular expression (this runs once per request). */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(16);
    int from = 0;
    int crlf;
    while ((crlf = text.indexOf("\r\n", from)) >= 0) {
      lines.add(text.substring(from, crlf));
      from = crlf + 2;
    }
    lines.add(text.substring(from));
    return lines;
  }

  private static RequestHead framed(String text, String version, List<String> transferEncodings,
                                    List<String> contentLengths, boolean upgrade) {
    if (!transferEncodings.isEmpty()) {
      if (version.equals("HTTP/1.0")) {
        throw Refusal.badRequest("Transfer-Encoding on HTTP/1.0");
      }
      if (!contentLengths.isEmpty()) {
        throw Refusal.badRequest("both Transfer-Encoding and Content-Length");
      }
      if (transferEncodings.size() > 1) {
        throw Refusal.badRequest("more than one Transfer-Encoding line");
      }
      transferCoding(transferEncodings.get(0));
      return new RequestHead(text, Framing.CHUNKED, -1, upgrade);
    }
    if (contentLengths.isEmpty()) {
      return new RequestHead(text, Framing.NONE, 0, upgrade);
    }
    if (contentLengths.size() > 1) {
      throw Refusal.badRequest("more than one Content-Length line");
    }
    String length = contentLengths.get(0);
    if (length.length() > MAX_LENGTH_DIGITS || !Tokens.isDigits(length)) {
      throw Refusal.badRequest("a malformed Content-Length");
    }
    long n = Long.parseLong(length);
    return new RequestHead(text, n == 0 ? Framing.NONE : Framing.LENGTH, n, upgrade);
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
