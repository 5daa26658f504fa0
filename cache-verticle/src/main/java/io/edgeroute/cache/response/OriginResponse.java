package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An origin's answer as the cache receives it: the header section, and the body still streaming.
 *
 * @param status  the origin's status code
 * @param headers the origin's response headers
 * @param body    the body; the cache reads it at most once
 */
public record OriginResponse(int status, MultiMap headers, ReadStream<Buffer> body) {
}
