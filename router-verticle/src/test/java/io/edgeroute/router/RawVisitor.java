package io.edgeroute.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A visitor that writes raw bytes to the router over a plain socket and reads the answer byte by
 * byte, as an attacker's tool would: nothing is normalised on the way out.
 */
final class RawVisitor implements AutoCloseable {

  /** One answer: status, head and body, and whether the router closed the connection after it. */
  record Answer(int status, String head, String body, boolean closed) {
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  /** The interim (1xx) heads read before final answers, in order. */
  final java.util.List<String> interims = new java.util.ArrayList<>();

  RawVisitor(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends {@code raw} (ISO-8859-1) and reads one answer. */
  static Answer exchange(int port, String raw) throws IOException {
    try (RawVisitor visitor = new RawVisitor(port)) {
      visitor.send(raw);
      return visitor.read();
    }
  }

  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads one response (by Content-Length or chunked), then, if it said {@code Connection: close},
   * waits for the end of the stream.
   *
   * @return the answer; {@code status} is -1 if the router closed without answering
   */
  Answer read() throws IOException {
    String head = readHead();
    if (head == null) {
      return new Answer(-1, "", "", true);
    }
    int status = Integer.parseInt(head.substring(9, 12));
    String lower = head.toLowerCase(Locale.ROOT);
    String body = "";
    int cl = lower.indexOf("\r\ncontent-length:");
    if (cl >= 0) {
      int end = lower.indexOf("\r\n", cl + 2);
      body = readBytes(Integer.parseInt(head.substring(cl + 17, end).trim()));
    } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
      body = readChunked();
    }
    boolean closed = lower.contains("\r\nconnection: close") && endOfStream();
    return new Answer(status, head, body, closed);
  }

  /** @return whether the router closes the connection now (within the socket timeout) */
  boolean endOfStream() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      // A reset is a close too.
      return true;
    }
  }

  /** Reads one interim head, as a client waiting for {@code 100 Continue} does. */
  String readInterim() throws IOException {
    String head = readHeadOnly();
    return head;
  }

  private String readHead() throws IOException {
    String text = readHeadOnly();
    if (text == null || text.length() < 12) {
      return text;
    }
    // Interim answers (100, 103) come before the final one.
    if (text.startsWith("HTTP/1.1 1") && !text.startsWith("HTTP/1.1 101")) {
      interims.add(text);
      return readHead();
    }
    return text;
  }

  private String readHeadOnly() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        b = -1;
      }
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private String readBytes(int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private String readChunked() throws IOException {
    StringBuilder body = new StringBuilder();
    while (true) {
      int size = Integer.parseInt(readLine().split(";")[0].trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers
        }
        return body.toString();
      }
      body.append(readBytes(size));
      readLine();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
