package io.edgeroute.router;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An origin on loopback that records exactly the bytes it receives, request by request, and
 * answers each with {@code 200} and a body naming what it saw (or with what {@code answer} says).
 * It reads requests the way a lenient origin would (Content-Length, else chunked, else no body), so
 * a smuggled request would show up as a request of its own.
 */
final class RawOrigin {

  /** One request as received: its head and body bytes, ISO-8859-1. */
  record Received(String head, String body, int connection) {

    String requestLine() {
      return head.substring(0, head.indexOf("\r\n"));
    }

    /** @return every value of header {@code name}, case-insensitively */
    List<String> header(String name) {
      return head.lines().skip(1).filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).toList();
    }
  }

  /** An answer that closes the connection instead of answering (an origin's keep-alive timeout firing as a request arrives). */
  static final String HANG_UP = "\u0000hang-up";

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final StringBuffer bytes = new StringBuffer();
  private final Function<Received, String> answer;
  private NetServer server;
  private int connections;

  private RawOrigin(Function<Received, String> answer) {
    this.answer = answer;
  }

  /** @return an origin answering {@code 200} with body {@code saw <request line>} */
  static Future<RawOrigin> start(Vertx vertx) {
    return start(vertx, r -> ok("saw " + r.requestLine()));
  }

  /** @param answer the raw response bytes for each request */
  static Future<RawOrigin> start(Vertx vertx, Function<Received, String> answer) {
    RawOrigin origin = new RawOrigin(answer);
    origin.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    return origin.server.connectHandler(origin::serve).listen().map(s -> origin);
  }

  /** @return {@code response}, after which the origin closes the connection */
  static String thenHangUp(String response) {
    return response + HANG_UP;
  }

  static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  int port() {
    return server.actualPort();
  }

  /** @return the requests received so far, in order */
  List<Received> requests() {
    return List.copyOf(received);
  }

  /** @return every byte received so far, on every connection */
  String allBytes() {
    return bytes.toString();
  }

  void clear() {
    received.clear();
    bytes.setLength(0);
  }

  Future<Void> close() {
    return server.close();
  }

  private void serve(NetSocket socket) {
    int id = ++connections;
    StringBuilder pending = new StringBuilder();
    socket.handler(chunk -> {
      String text = chunk.toString(StandardCharsets.ISO_8859_1);
      bytes.append(text);
      pending.append(text);
      Received request;
      while ((request = next(pending, id)) != null) {
        received.add(request);
        String response = answer.apply(request);
        if (response != null && response.endsWith(HANG_UP)) {
          socket.end(Buffer.buffer(response.substring(0, response.length() - HANG_UP.length())
              .getBytes(StandardCharsets.ISO_8859_1)));
          return;
        }
        if (response != null) {
          socket.write(Buffer.buffer(response.getBytes(StandardCharsets.ISO_8859_1)));
        }
      }
    });
  }

  /** Takes one complete request off {@code pending}, or returns {@code null}. */
  private static Received next(StringBuilder pending, int connection) {
    int end = pending.indexOf("\r\n\r\n");
    if (end < 0) {
      return null;
    }
    String head = pending.substring(0, end + 4);
    Received probe = new Received(head, "", connection);
    int bodyStart = end + 4;
    List<String> lengths = probe.header("content-length");
    if (!lengths.isEmpty()) {
      int length = Integer.parseInt(lengths.get(0).trim());
      if (pending.length() < bodyStart + length) {
        return null;
      }
      String body = pending.substring(bodyStart, bodyStart + length);
      pending.delete(0, bodyStart + length);
      return new Received(head, body, connection);
    }
    if (probe.header("transfer-encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
      StringBuilder body = new StringBuilder();
      int at = bodyStart;
      while (true) {
        int lineEnd = pending.indexOf("\r\n", at);
        if (lineEnd < 0) {
          return null;
        }
        int size = Integer.parseInt(pending.substring(at, lineEnd).split(";")[0].trim(), 16);
        if (size == 0) {
          int trailersEnd = pending.indexOf("\r\n", lineEnd + 2);
          if (trailersEnd < 0) {
            return null;
          }
          pending.delete(0, trailersEnd + 2);
          return new Received(head, body.toString(), connection);
        }
        if (pending.length() < lineEnd + 2 + size + 2) {
          return null;
        }
        body.append(pending, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }
    pending.delete(0, bodyStart);
    return new Received(head, "", connection);
  }
}
