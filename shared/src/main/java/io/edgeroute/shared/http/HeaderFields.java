package io.edgeroute.shared.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.util.Iterator;
import java.util.Map;

/** Reads and copies header fields of Vert.x maps the cheap way. */
public final class HeaderFields {

  private HeaderFields() {
  }

  /**
   * @return the fields of {@code headers} in order, for Vert.x's own maps as the names and values
   *     they hold (their String view builds an entry, and a String of each AsciiString, per field)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Iterator<Map.Entry<CharSequence, CharSequence>> of(MultiMap headers) {
    return headers instanceof HeadersMultiMap fields ? fields.iteratorCharSequence() : (Iterator) headers.iterator();
  }

  /**
   * Adds every field of {@code from} to {@code to}, in order, field by field ({@code addAll} would
   * first copy every field into a list of entries) and as the names and values {@code from} holds,
   * so {@code AsciiString}s keep their hash and bytes.
   */
  public static void copy(MultiMap from, MultiMap to) {
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = of(from); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> field = it.next();
      to.add(field.getKey(), field.getValue());
    }
  }
}
