package io.edgeroute.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;

/**
 * One request to an origin and its answer, on an {@link OriginConnection} that is the call's until
 * it ends: the request is written as given, the answer's head completes {@link #head()}, its body
 * goes to whoever {@link #relay relays} it, with back-pressure ({@link #pause}). The connection goes
 * back to its pool once both the request and the answer ended whole and the origin keeps the
 * connection alive; any failure, or an answer that ends before the request was sent whole, closes
 * it. Use from the connection's event loop only.
 */
final class OriginCall {

  /** Who takes the answer's body. */
  interface Body {
    /** A chunk of the body, in order. */
    void chunk(Buffer chunk);

    /**
     * The body ended whole.
     *
     * @param last its last chunk, when it came with the end (a short body often does), else {@code null}
     */
    void end(Buffer last);

    /** The body broke off before its end. */
    void broken(Throwable failure);
  }

  private final OriginConnection connection;
  private final Channel channel;
  private final Promise<OriginAnswer> head = Promise.promise();
  private Handler<Void> continueHandler;
  private Handler<MultiMap> earlyHintsHandler;
  private Handler<Void> drainHandler;
  private Body body;
  /** Chunks decoded before the body had anyone to take it, or while paused. */
  private ArrayDeque<HttpContent> pending;
  private boolean paused;
  /** Milliseconds the connection may wait for another request after this answer ({@link OriginKeepAlive}). */
  private long reuseMillis;
  private boolean requestEnded;
  private boolean responseEnded;
  private boolean over;
  /** Why the body broke off before anyone relayed it. */
  private Throwable brokenBeforeRelay;

  OriginCall(OriginConnection connection) {
    this.connection = connection;
    this.channel = connection.channel;
  }

  /**
   * @return a future completed with the head of the origin's final answer; failed when the
   *     connection failed or closed first (an {@link HttpClosedException} when the origin closed it)
   */
  Future<OriginAnswer> head() {
    return head.future();
  }

  /** Called on a {@code 100 Continue}. */
  OriginCall continueHandler(Handler<Void> handler) {
    this.continueHandler = handler;
    return this;
  }

  /** Called with the fields of a {@code 103 Early Hints}. */
  OriginCall earlyHintsHandler(Handler<MultiMap> handler) {
    this.earlyHintsHandler = handler;
    return this;
  }

  /** Writes a request head; {@code request} may be a whole request, then {@code ended} is true. */
  void send(HttpRequest request, boolean ended) {
    if (over) {
      ReferenceCountUtil.release(request);
      return;
    }
    requestEnded = ended;
    channel.writeAndFlush(request, channel.voidPromise());
  }

  /** Writes a chunk of the request's body. */
  void write(Buffer chunk) {
    if (over || requestEnded) {
      return;
    }
    channel.writeAndFlush(new DefaultHttpContent(((BufferInternal) chunk).getByteBuf()), channel.voidPromise());
  }

  /** Ends the request's body. */
  void end() {
    if (over || requestEnded) {
      return;
    }
    requestEnded = true;
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
  }

  /**
   * @return whether the connection's outbound buffer is full: wait for {@link #drainHandler} before
   *     writing more. Never once the exchange is over: what is written then is dropped, so a
   *     visitor's upload is read to its end instead of waiting for a connection that is gone.
   */
  boolean writeQueueFull() {
    return !over && !channel.isWritable();
  }

  OriginCall drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  /** Gives the answer's body to {@code taker}, starting with what has arrived already. */
  void relay(Body taker) {
    this.body = taker;
    if (brokenBeforeRelay != null) {
      taker.broken(brokenBeforeRelay);
      return;
    }
    deliverPending();
  }

  /** Stops reading the answer until {@link #resume}. */
  void pause() {
    if (!paused) {
      paused = true;
      channel.config().setAutoRead(false);
    }
  }

  void resume() {
    if (paused) {
      paused = false;
      deliverPending();
      if (!paused && !over) {
        channel.config().setAutoRead(true);
      }
    }
  }

  /** Gives up on the exchange: the connection is closed, the head or body fails with {@code cause}. */
  void reset(Throwable cause) {
    fail(cause);
  }

  void read(Object msg) {
    if (msg instanceof HttpObject object) {
      DecoderResult result = object.decoderResult();
      if (result.isFailure()) {
        ReferenceCountUtil.release(msg);
        fail(result.cause());
        return;
      }
    }
    if (msg instanceof HttpResponse response && !answerHead(response)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      if (over) {
        content.release();
      } else if (body == null || paused || pending != null) {
        if (pending == null) {
          pending = new ArrayDeque<>(4);
        }
        pending.add(content);
      } else {
        deliver(content);
      }
    }
  }

  /** @return whether the head was the final answer's (its body follows) */
  private boolean answerHead(HttpResponse response) {
    if (over) {
      return false;
    }
    HttpVersion version = response.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      fail(new IllegalStateException("unsupported HTTP version from the origin: " + version));
      return false;
    }
    int status = response.status().code();
    if (status == 100) {
      if (continueHandler != null) {
        continueHandler.handle(null);
      }
      return false;
    }
    if (status == 103) {
      if (earlyHintsHandler != null) {
        earlyHintsHandler.handle(new HeadersAdaptor(response.headers()));
      }
      return false;
    }
    if (status < 200) {
      // 101 to a request that asked for no upgrade (other 1xx never get here: OriginGuard): what
      // follows is not HTTP any more, so nothing of it may reach the visitor.
      fail(new IllegalStateException("the origin switched protocols unasked (" + status + ")"));
      return false;
    }
    reuseMillis = OriginKeepAlive.reuseMillis(response);
    head.tryComplete(new OriginAnswer(status, response.status().reasonPhrase(), response.headers()));
    return true;
  }

  private void deliverPending() {
    ArrayDeque<HttpContent> queued = pending;
    if (queued == null) {
      return;
    }
    HttpContent content;
    while (!paused && !over && (content = queued.poll()) != null) {
      deliver(content);
    }
    if (queued.isEmpty() && pending == queued) {
      pending = null;
    }
  }

  private void deliver(HttpContent content) {
    ByteBuf bytes = content.content();
    // Copied to the heap as Vert.x copies what it reads, unless OriginChunks lent it.
    Buffer chunk = bytes.isReadable() ? BufferInternal.safeBuffer(bytes) : null;
    if (chunk == null) {
      bytes.release();
    }
    if (!(content instanceof LastHttpContent)) {
      if (chunk != null) {
        body.chunk(chunk);
      }
    } else if (!over) {
      responseEnded = true;
      body.end(chunk);
      if (requestEnded || !channel.isActive()) {
        finish();
      } else {
        // The origin answered before it had the whole request: nothing else may use this connection.
        over = true;
        connection.finished(this, OriginKeepAlive.NONE);
        writable();
      }
    }
  }

  private void finish() {
    if (!over) {
      over = true;
      connection.finished(this, reuseMillis);
      writable();
    }
  }

  /** The connection closed under the call: the answer, if it had not ended, is broken. */
  void closed() {
    fail(new HttpClosedException("the origin closed the connection"));
  }

  void writable() {
    Handler<Void> handler = drainHandler;
    if (handler != null) {
      drainHandler = null;
      handler.handle(null);
    }
  }

  /** The exchange failed: the head or the body fails with {@code cause}, and the connection is closed. */
  void fail(Throwable cause) {
    if (over) {
      return;
    }
    over = true;
    if (pending != null) {
      pending.forEach(ReferenceCountUtil::release);
      pending = null;
    }
    if (!head.tryFail(cause) && !responseEnded) {
      if (body != null) {
        body.broken(cause);
      } else {
        brokenBeforeRelay = cause;
      }
    }
    connection.finished(this, OriginKeepAlive.NONE);
    writable();
  }
}
