package io.edgeroute.router;

import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import java.util.Iterator;
import java.util.Map;

/**
 * The head of an origin's final answer ({@link OriginCall#head}).
 *
 * @param status the status code, 200 to 599 (interim answers never get here)
 * @param reason the reason phrase as the origin sent it
 * @param fields the header fields as the codec decoded them
 */
record OriginAnswer(int status, String reason, HttpHeaders fields) {

  /** @return the header fields as a Vert.x map backed by {@link #fields} */
  MultiMap headers() {
    return new HeadersAdaptor(fields);
  }

  /** Adds every field to {@code out}, in order, as the names and values the codec holds. */
  void copyHeadersTo(MultiMap out) {
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = fields.iteratorCharSequence(); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> field = it.next();
      out.add(field.getKey(), field.getValue());
    }
  }
}
