package io.edgeroute.shared.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.util.Iterator;
import java.util.Map;

/** Copies header fields between Vert.x maps the cheap way. */
public final class HeaderFields {

  private HeaderFields() {
  }

  /**
   * Adds every field of {@code from} to {@code to}, in order, field by field ({@code addAll} would
   * first copy every field into a list of entries) and, for Vert.x's own maps, as the names and
   * values they hold: a stored response's fields are {@code AsciiString}s whose hash and bytes are
   * reused as they are.
   */
  public static void copy(MultiMap from, MultiMap to) {
    if (from instanceof HeadersMultiMap fields) {
      for (Iterator<Map.Entry<CharSequence, CharSequence>> it = fields.iteratorCharSequence(); it.hasNext(); ) {
        Map.Entry<CharSequence, CharSequence> field = it.next();
        to.add(field.getKey(), field.getValue());
      }
    } else {
      from.forEach(to::add);
    }
  }
}
