package io.edgeroute.cache.response;

import io.edgeroute.shared.http.HeaderFields;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored response's header fields: read-only, shared by every event loop's hits, and held as
 * {@link AsciiString}s. A hit adds each field to the visitor's response ({@link #copyTo}), and
 * Vert.x then takes a name's hash from the {@code AsciiString} (computed once, not on every hit),
 * checks its bytes, and writes them out with one copy. Vert.x's own read-only map cannot hold them:
 * it is made by copying a map entry by entry, and the copy turns every name and value into a
 * {@code String}.
 *
 * <p>Reads ({@link #get}, {@link #getAll}, {@link #contains}) go through the names' hashes (without
 * regard to case, as Vert.x's maps hash them), held side by side in one array, and compare a name
 * only when its hash matches: a response has a few dozen fields at most, and a hit reads one of
 * them, usually absent, without touching any other field.
 * Header text is ISO-8859-1, one byte per character, as Vert.x decodes it, so the bytes are the
 * field as received.
 */
public final class StoredFields implements MultiMap {

  private static final StoredFields EMPTY = new StoredFields(new AsciiString[0], new AsciiString[0]);

  private final AsciiString[] names;
  private final AsciiString[] values;
  /** {@code hashes[i]} is the hash of {@code names[i]}, which is the same for any case of it. */
  private final int[] hashes;

  private StoredFields(AsciiString[] names, AsciiString[] values) {
    this.names = names;
    this.values = values;
    this.hashes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      hashes[i] = names[i].hashCode();
    }
  }

  /** @return the fields of {@code headers}, in order; {@code headers} itself when it is stored fields already */
  public static StoredFields of(MultiMap headers) {
    if (headers instanceof StoredFields stored) {
      return stored;
    }
    List<AsciiString> names = new ArrayList<>();
    List<AsciiString> values = new ArrayList<>();
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = HeaderFields.of(headers); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> field = it.next();
      names.add(ascii(field.getKey()));
      values.add(ascii(field.getValue()));
    }
    return names.isEmpty() ? EMPTY
        : new StoredFields(names.toArray(new AsciiString[0]), values.toArray(new AsciiString[0]));
  }

  private static AsciiString ascii(CharSequence text) {
    return text instanceof AsciiString ascii ? ascii : new AsciiString(text);
  }

  /** Adds every field to {@code out}, in order, as the {@code AsciiString}s held here. */
  public void copyTo(MultiMap out) {
    for (int i = 0; i < names.length; i++) {
      out.add(names[i], values[i]);
    }
  }

  /**
   * @param perField bytes charged per field beyond its characters
   * @return the characters of every name and value, plus {@code perField} per field
   */
  long weight(long perField) {
    long weight = 0;
    for (int i = 0; i < names.length; i++) {
      weight += names[i].length() + values[i].length() + perField;
    }
    return weight;
  }

  private int indexOf(CharSequence name, int from) {
    int hash = AsciiString.hashCode(name);
    for (int i = from; i < names.length; i++) {
      if (hashes[i] == hash && names[i].contentEqualsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** @return the first value of {@code name}, as Vert.x's maps answer */
  @Override
  public String get(CharSequence name) {
    int i = indexOf(name, 0);
    return i < 0 ? null : values[i].toString(0);
  }

  @Override
  public String get(String name) {
    return get((CharSequence) name);
  }

  @Override
  public List<String> getAll(String name) {
    return getAll((CharSequence) name);
  }

  @Override
  public List<String> getAll(CharSequence name) {
    List<String> all = new ArrayList<>(1);
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      all.add(values[i].toString(0));
    }
    return all;
  }

  @Override
  public boolean contains(String name) {
    return indexOf(name, 0) >= 0;
  }

  @Override
  public boolean contains(CharSequence name) {
    return indexOf(name, 0) >= 0;
  }

  @Override
  public boolean isEmpty() {
    return names.length == 0;
  }

  /** @return the distinct names, ordered without regard to case (as Vert.x's maps answer) */
  @Override
  public Set<String> names() {
    Set<String> distinct = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (AsciiString name : names) {
      distinct.add(name.toString(0));
    }
    return Collections.unmodifiableSet(distinct);
  }

  /** @return how many distinct names (as Vert.x's maps count) */
  @Override
  public int size() {
    return names().size();
  }

  @Override
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < names.length;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next >= names.length) {
          throw new NoSuchElementException();
        }
        int i = next++;
        return new AbstractMap.SimpleImmutableEntry<>(names[i].toString(0), values[i].toString(0));
      }
    };
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  /** @return these fields when {@code mutable} is false, else a new Vert.x map holding them */
  @Override
  public MultiMap copy(boolean mutable) {
    if (!mutable) {
      return this;
    }
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    copyTo(copy);
    return copy;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      text.append(names[i]).append(": ").append(values[i]).append('\n');
    }
    return text.toString();
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("a stored response's fields are read-only: copy(true) first");
  }

  @Override
  public MultiMap add(String name, String value) {
    throw readOnly();
  }

  @Override
  public MultiMap add(CharSequence name, CharSequence value) {
    throw readOnly();
  }

  @Override
  public MultiMap add(String name, Iterable<String> values) {
    throw readOnly();
  }

  @Override
  public MultiMap add(CharSequence name, Iterable<CharSequence> values) {
    throw readOnly();
  }

  @Override
  public MultiMap addAll(MultiMap map) {
    throw readOnly();
  }

  @Override
  public MultiMap addAll(Map<String, String> headers) {
    throw readOnly();
  }

  @Override
  public MultiMap set(String name, String value) {
    throw readOnly();
  }

  @Override
  public MultiMap set(CharSequence name, CharSequence value) {
    throw readOnly();
  }

  @Override
  public MultiMap set(String name, Iterable<String> values) {
    throw readOnly();
  }

  @Override
  public MultiMap set(CharSequence name, Iterable<CharSequence> values) {
    throw readOnly();
  }

  @Override
  public MultiMap setAll(MultiMap map) {
    throw readOnly();
  }

  @Override
  public MultiMap setAll(Map<String, String> headers) {
    throw readOnly();
  }

  @Override
  public MultiMap remove(String name) {
    throw readOnly();
  }

  @Override
  public MultiMap remove(CharSequence name) {
    throw readOnly();
  }

  @Override
  public MultiMap clear() {
    throw readOnly();
  }
}
