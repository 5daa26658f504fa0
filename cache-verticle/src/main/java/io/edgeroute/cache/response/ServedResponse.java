package io.edgeroute.cache.response;

import io.edgeroute.shared.http.HeaderFields;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * What to send to the visitor: either a stored body ({@link #body()}, a hit) or the origin's
 * body streaming through the cache ({@link #stream()}, a miss or bypass, possibly being stored
 * on the way). Exactly one of them is set; a HEAD or 304 hit has an empty body.
 *
 * <p>A hit's fields are the stored ones as they are, shared by every hit, with this cache's
 * {@code Age} and {@code Cache-Status} beside them: {@link #copyHeadersTo} puts them together in
 * the visitor's response, so a hit copies its fields once, not once into a map of its own and again
 * into the response.
 *
 * @param status      status to send
 * @param headers     fields to send, read-only when stored; {@code Age} and {@code Cache-Status}
 *                    included unless given apart
 * @param age         the {@code Age} value to send instead of any in {@code headers}, or {@code null}
 * @param cacheStatus the {@code Cache-Status} value to send instead of any in {@code headers}, or {@code null}
 * @param body        whole body of a hit, or {@code null}
 * @param stream      streaming body, or {@code null}; the caller must read it to the end (e.g.
 *                    {@code stream.pipeTo(response)}) for the entry to be stored
 */
public record ServedResponse(int status, MultiMap headers, String age, String cacheStatus, Buffer body,
                             ReadStream<Buffer> stream) {

  /** A response whose {@code headers} are all its fields. */
  public ServedResponse(int status, MultiMap headers, Buffer body, ReadStream<Buffer> stream) {
    this(status, headers, null, null, body, stream);
  }

  public boolean isStreaming() {
    return stream != null;
  }

  /** Adds the fields to send to {@code out}: {@code headers}, then {@code Age} and {@code Cache-Status} when given apart. */
  public void copyHeadersTo(MultiMap out) {
    if (headers instanceof StoredFields stored) {
      stored.copyTo(out);
    } else {
      HeaderFields.copy(headers, out);
    }
    if (age != null) {
      out.set(HitResponse.AGE, age);
    }
    if (cacheStatus != null) {
      out.set(CacheStatus.HEADER, cacheStatus);
    }
  }

  /** @return the fields to send, in a new map */
  public MultiMap headersToSend() {
    MultiMap all = MultiMap.caseInsensitiveMultiMap();
    copyHeadersTo(all);
    return all;
  }
}
