package io.edgeroute.router;

import io.netty.buffer.ByteBuf;

/**
 * Reads the lines of origin response heads as their bytes arrive, before the HTTP codec, for the
 * one thing the codec guesses at: a field line whose name is followed by whitespace and then more
 * than a colon ({@code X Odd: 1}), which Netty's response decoder takes for the field {@code X},
 * dropping the rest of the name, and a field line without a colon. nginx and HAProxy refuse both
 * ("upstream sent invalid header", 502); so does Edgeroute (SPEC §4a: ambiguous input is refused,
 * never guessed at). Whitespace between a name and its colon alone ({@code X : 1}) is removed, as
 * RFC 9112 §5.1 tells a proxy to; a line starting with whitespace (obs-fold) is left to the codec,
 * which joins it to the field before it (§5.2). Characters a name or value may not hold are the
 * codec's to refuse.
 *
 * <p>A head begins with the first byte after a request is sent and ends at its empty line; after a
 * 1xx other than 101 another head follows at once. Bytes of a body are not read, nor the rest of a
 * value once its line is known to be a field (a search for the line feed). Use from the origin
 * connection's event loop only.
 */
final class OriginHeadLines {

  private enum State {
    /** Not in a head: a body, a tunnel, or nothing expected. */
    IDLE,
    STATUS_LINE,
    LINE_START,
    /** After the CR of a line that may be the empty line ending the head. */
    LINE_START_CR,
    NAME,
    /** Whitespace after a name: only a colon may follow. */
    AFTER_NAME,
    VALUE
  }

  private State state = State.IDLE;
  /** Bytes of the status line read so far, up to its code. */
  private int statusLineAt;
  private int status;
  private boolean refused;

  /** A request was sent, or an interim head ended: the next byte from the origin begins a response head. */
  void expectHead() {
    state = State.STATUS_LINE;
    statusLineAt = 0;
    status = 0;
  }

  /**
   * Reads what {@code bytes} holds of response heads, without moving its reader index.
   *
   * @return false when a field line was refused: the connection must not be used any further
   */
  boolean read(ByteBuf bytes) {
    int at = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (at < end && state != State.IDLE) {
      if (state == State.VALUE || (state == State.STATUS_LINE && statusLineAt > 11)) {
        // The rest of a value or of the status line says nothing here: straight to its line feed.
        int lineFeed = bytes.indexOf(at, end, (byte) '\n');
        if (lineFeed < 0) {
          break;
        }
        at = lineFeed;
      }
      step(bytes.getByte(at++));
    }
    return !refused;
  }

  private void step(byte b) {
    switch (state) {
      case STATUS_LINE -> statusLine(b);
      case LINE_START -> {
        if (b == '\r') {
          state = State.LINE_START_CR;
        } else if (b == '\n') {
          headEnded();
        } else if (b == ' ' || b == '\t') {
          state = State.VALUE;
        } else if (b == ':') {
          refuse();
        } else {
          state = State.NAME;
        }
      }
      case LINE_START_CR -> {
        if (b == '\n') {
          headEnded();
        } else {
          refuse();
        }
      }
      case NAME -> {
        if (b == ':') {
          state = State.VALUE;
        } else if (b == ' ' || b == '\t') {
          state = State.AFTER_NAME;
        } else if (b == '\r' || b == '\n') {
          refuse();
        }
      }
      case AFTER_NAME -> {
        if (b == ':') {
          state = State.VALUE;
        } else if (b != ' ' && b != '\t') {
          refuse();
        }
      }
      case VALUE -> {
        if (b == '\n') {
          state = State.LINE_START;
        }
      }
      default -> {
      }
    }
  }

  /** {@code HTTP/1.1 200 ...}: the code is the three bytes after the first space. */
  private void statusLine(byte b) {
    if (b == '\n') {
      state = State.LINE_START;
      return;
    }
    int at = statusLineAt++;
    if (at >= 9 && at <= 11) {
      status = b >= '0' && b <= '9' ? status * 10 + (b - '0') : -1000;
    }
  }

  private void headEnded() {
    boolean interim = status >= 100 && status < 200 && status != 101;
    if (interim) {
      expectHead();
    } else {
      state = State.IDLE;
    }
  }

  private void refuse() {
    refused = true;
    state = State.IDLE;
  }
}
