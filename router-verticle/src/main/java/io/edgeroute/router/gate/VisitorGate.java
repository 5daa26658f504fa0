package io.edgeroute.router.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The first handler every visitor byte meets, in front of the HTTP decoder (SPEC §4a). It reads the
 * stream as HTTP/1.1 framing, head by head and body by body, and passes on only what is
 * unambiguous: each head rewritten by {@link RequestHead} (origin-form, normalised path, no
 * {@code _} names), each chunk-size line in canonical form, body bytes untouched. So the decoder
 * behind it, and everything after that, never sees a request two parsers could read differently.
 *
 * <p>A request it refuses is not forwarded; instead the decoder's successor gets a request whose
 * decoder result is the {@link Refusal}, so Vert.x answers it in order after any pipelined request
 * before it (see {@link Refusals#answer}), and nothing after it on the connection is read.
 *
 * <p>It also keeps the clocks of the visitor's side: the head must be complete within
 * {@code headerTimeout} of its first byte (or of the connection's opening) or the visitor gets
 * 408; a body that stops arriving for {@code idleTimeout} while the router is reading it is cut.
 * A WebSocket handshake holds further bytes until the answer shows whether the protocol switched:
 * on 101 the gate steps aside, otherwise it keeps checking requests.
 */
public final class VisitorGate extends ChannelDuplexHandler {

  /** The gate's name in the channel pipeline. */
  public static final String NAME = "edgerouteGate";
  /** The name of the Vert.x HTTP/1 decoder the gate sits in front of. */
  public static final String DECODER = "httpDecoder";

  /** Largest head accepted (431 beyond); Vert.x's own limits behind the gate are smaller. */
  static final int MAX_HEAD = 16 * 1024;
  private static final int MAX_LINE = 4096;
  private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
  private static final ByteBuf HEAD_END_BUF = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HEAD_END));

  /** Where the gate is in the stream. */
  private enum State {
    HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UPGRADING, TUNNEL, REFUSED
  }

  private final Supplier<GateClocks.Settings> settings;
  private GateClocks clocks;
  private ByteBuf pending;
  private State state = State.HEAD;
  private long remaining;
  private int trailerBytes;
  private boolean headStarted;
  /** Whether anything was written to the visitor since the last head went on. */
  private boolean answered;
  /** Whether any head went on to the decoder on this connection. */
  private boolean forwardedAny;

  /** @param settings the current header and idle timeouts */
  public VisitorGate(Supplier<GateClocks.Settings> settings) {
    this.settings = settings;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    clocks = new GateClocks(ctx, settings, millis -> headTimedOut(ctx, millis), () -> visitorOwesBytes(ctx));
    // The first head is timed from the connection's opening: a connection that never sends is a slowloris too.
    clocks.startHead();
    clocks.startIdle();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    clocks.stop();
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    clocks.stop();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.REFUSED) {
      in.release();
      return;
    }
    if (state == State.TUNNEL && pending == null) {
      ctx.fireChannelRead(in);
      return;
    }
    clocks.activity();
    cumulate(ctx, in);
    drain(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    answered = true;
    clocks.activity();
    if (state == State.UPGRADING && msg instanceof ByteBuf out && out.readableBytes() >= 12) {
      String status = out.toString(out.readerIndex(), 12, StandardCharsets.ISO_8859_1);
      state = status.endsWith(" 101") ? State.TUNNEL : State.HEAD;
      if (state == State.HEAD) {
        headStarted = false;
      } else {
        // A tunnel's silences are the origin's and the visitor's business (WebSocket pings...).
        clocks.stop();
      }
      // After this write has gone through, and after Vert.x has rebuilt its pipeline for a tunnel.
      ctx.executor().execute(() -> drain(ctx));
    }
    ctx.write(msg, promise);
  }

  private void cumulate(ChannelHandlerContext ctx, ByteBuf in) {
    if (pending == null) {
      pending = in;
      return;
    }
    ByteBuf merged = ctx.alloc().buffer(pending.readableBytes() + in.readableBytes());
    merged.writeBytes(pending).writeBytes(in);
    pending.release();
    in.release();
    pending = merged;
  }

  private void drain(ChannelHandlerContext ctx) {
    try {
      while (pending != null && pending.isReadable() && step(ctx)) {
        // each step consumed something
      }
    } catch (Refusal refusal) {
      refuse(ctx, refusal);
    } finally {
      if (pending != null && !pending.isReadable()) {
        pending.release();
        pending = null;
      }
    }
  }

  /** @return whether the step consumed bytes and another may follow */
  private boolean step(ChannelHandlerContext ctx) {
    switch (state) {
      case HEAD -> {
        return head(ctx);
      }
      case BODY -> {
        int n = (int) Math.min(remaining, pending.readableBytes());
        ctx.fireChannelRead(pending.readRetainedSlice(n));
        remaining -= n;
        if (remaining == 0) {
          messageDone();
        }
        return true;
      }
      case CHUNK_SIZE -> {
        String line = line();
        if (line == null) {
          return false;
        }
        long size = ChunkLine.size(line);
        ctx.fireChannelRead(ascii(ctx, Long.toHexString(size) + "\r\n"));
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
        trailerBytes = 0;
        return true;
      }
      case CHUNK_DATA -> {
        int n = (int) Math.min(remaining, pending.readableBytes());
        ctx.fireChannelRead(pending.readRetainedSlice(n));
        remaining -= n;
        if (remaining == 0) {
          state = State.CHUNK_END;
        }
        return true;
      }
      case CHUNK_END -> {
        if (pending.readableBytes() < 2) {
          return false;
        }
        if (pending.getByte(pending.readerIndex()) != '\r' || pending.getByte(pending.readerIndex() + 1) != '\n') {
          throw Refusal.badRequest("chunk data longer than its size");
        }
        ctx.fireChannelRead(pending.readRetainedSlice(2));
        state = State.CHUNK_SIZE;
        return true;
      }
      case TRAILERS -> {
        String line = line();
        if (line == null) {
          return false;
        }
        trailerBytes += line.length() + 2;
        if (trailerBytes > MAX_HEAD) {
          throw new Refusal(431, "trailers too large");
        }
        if (!line.isEmpty()) {
          Trailers.check(line);
        }
        ctx.fireChannelRead(ascii(ctx, line + "\r\n"));
        if (line.isEmpty()) {
          messageDone();
        }
        return true;
      }
      case TUNNEL -> {
        ctx.fireChannelRead(pending);
        pending = null;
        return false;
      }
      default -> {
        // UPGRADING holds bytes until the answer; REFUSED reads nothing more.
        return false;
      }
    }
  }

  private boolean head(ChannelHandlerContext ctx) {
    if (!headStarted) {
      // Empty lines between requests are ignored (RFC 9112 §2.2).
      while (pending.readableBytes() >= 2 && pending.getByte(pending.readerIndex()) == '\r'
          && pending.getByte(pending.readerIndex() + 1) == '\n') {
        pending.skipBytes(2);
      }
      if (pending.readableBytes() < 2 && pending.isReadable() && pending.getByte(pending.readerIndex()) == '\r') {
        return false;
      }
      if (!pending.isReadable()) {
        return false;
      }
      headStarted = true;
      clocks.startHead();
    }
    int end = ByteBufUtil.indexOf(HEAD_END_BUF, pending);
    bareLineFeed(end < 0 ? pending.writerIndex() : end);
    if (end < 0) {
      if (pending.readableBytes() > MAX_HEAD) {
        throw new Refusal(431, "request head too large");
      }
      return false;
    }
    int length = end - pending.readerIndex() + HEAD_END.length;
    if (length > MAX_HEAD) {
      throw new Refusal(431, "request head too large");
    }
    int start = pending.readerIndex();
    String text = pending.toString(start, length, StandardCharsets.ISO_8859_1);
    pending.skipBytes(length);
    RequestHead head = RequestHead.parse(text);
    clocks.stopHead();
    answered = false;
    forwardedAny = true;
    // The head as received when checking it changed nothing (the usual case): its bytes, not a copy.
    // pending is never written in place (a merge allocates anew), so the slice stays as it is.
    ctx.fireChannelRead(head.text().equals(text) ? pending.retainedSlice(start, length) : ascii(ctx, head.text()));
    switch (head.framing()) {
      case LENGTH -> {
        state = State.BODY;
        remaining = head.contentLength();
      }
      case CHUNKED -> {
        state = State.CHUNK_SIZE;
      }
      default -> {
        messageDone();
        if (head.upgrade()) {
          state = State.UPGRADING;
        }
      }
    }
    return true;
  }

  /** Refuses at once a head that uses a bare LF as a line end, rather than waiting for a CRLFCRLF that never comes. */
  private void bareLineFeed(int end) {
    int from = pending.readerIndex();
    int lf;
    while ((lf = pending.indexOf(from, end, (byte) '\n')) >= 0) {
      if (lf == pending.readerIndex() || pending.getByte(lf - 1) != '\r') {
        throw Refusal.badRequest("a bare LF in the head");
      }
      from = lf + 1;
    }
  }

  /** @return the next CRLF-terminated line without its CRLF, consumed, or {@code null} if incomplete */
  private String line() {
    int lf = pending.forEachByte(ByteProcessor.FIND_LF);
    if (lf < 0) {
      if (pending.readableBytes() > MAX_LINE) {
        throw Refusal.badRequest("a line too long in a chunked body");
      }
      return null;
    }
    int length = lf - pending.readerIndex();
    if (length == 0 || pending.getByte(lf - 1) != '\r') {
      throw Refusal.badRequest("a bare LF in a chunked body");
    }
    String line = pending.toString(pending.readerIndex(), length - 1, StandardCharsets.ISO_8859_1);
    pending.skipBytes(length + 1);
    if (line.indexOf('\r') >= 0) {
      throw Refusal.badRequest("a bare CR in a chunked body");
    }
    return line;
  }

  private void messageDone() {
    state = State.HEAD;
    headStarted = false;
    remaining = 0;
  }

  /**
   * Hands the refusal to Vert.x as a request that failed to decode, so it is answered in turn
   * ({@link Refusals#answer}); then the connection reads nothing more.
   */
  private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
    boolean midBody = state != State.HEAD;
    state = State.REFUSED;
    clocks.stop();
    if (pending != null) {
      pending.release();
      pending = null;
    }
    if (!forwardedAny) {
      // Nothing of this connection reached Vert.x yet, so no answer can be ahead of this one: the
      // gate answers and closes itself, the shortest path for a slowloris.
      ctx.writeAndFlush(ascii(ctx, Refusals.raw(refusal))).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (midBody) {
      // The head already went on and the router is streaming the body: the only way to stop the
      // exchange is to end the connection, which resets the origin's (never reused, never complete).
      // The visitor still gets its 400 if nothing of an answer has gone out yet.
      if (!answered) {
        ctx.writeAndFlush(ascii(ctx, Refusals.raw(refusal))).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
      return;
    }
    DefaultHttpRequest failed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    failed.setDecoderResult(DecoderResult.failure(refusal));
    ctx.fireChannelRead(failed);
    ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  private void headTimedOut(ChannelHandlerContext ctx, long millis) {
    if (state != State.HEAD) {
      return;
    }
    if (!headStarted && (pending == null || !pending.isReadable())) {
      // Nothing of a request was sent: there is nobody to answer.
      ctx.close();
      return;
    }
    refuse(ctx, new Refusal(408, "the request head took longer than " + millis + " ms"));
  }

  /** @return whether silence now is the visitor's: see {@link GateClocks} */
  private boolean visitorOwesBytes(ChannelHandlerContext ctx) {
    if (!ctx.channel().config().isAutoRead()) {
      // The router is holding the visitor back (back-pressure, a pipelined request waiting its turn).
      return false;
    }
    return switch (state) {
      case BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS -> true;
      // A head under way is the header timeout's; between requests, only once the last is answered.
      case HEAD -> !headStarted && (!forwardedAny || answered);
      default -> false;
    };
  }

  private static ByteBuf ascii(ChannelHandlerContext ctx, String text) {
    ByteBuf buf = ctx.alloc().buffer(text.length());
    buf.writeCharSequence(text, StandardCharsets.ISO_8859_1);
    return buf;
  }
}
