package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * What to send to the visitor: either a stored body ({@link #body()}, a hit) or the origin's
 * body streaming through the cache ({@link #stream()}, a miss or bypass, possibly being stored
 * on the way). Exactly one of them is set; a HEAD or 304 hit has an empty body.
 *
 * @param status  status to send
 * @param headers headers to send, {@code Age} and {@code Cache-Status} included; the caller's copy
 * @param body    whole body of a hit, or {@code null}
 * @param stream  streaming body, or {@code null}; the caller must read it to the end (e.g.
 *                {@code stream.pipeTo(response)}) for the entry to be stored
 */
public record ServedResponse(int status, MultiMap headers, Buffer body, ReadStream<Buffer> stream) {

  public boolean isStreaming() {
    return stream != null;
  }
}
