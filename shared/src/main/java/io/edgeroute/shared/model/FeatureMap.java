package io.edgeroute.shared.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A site's {@code features}: immutable, in insertion order, with its canonical cache-key text
 * ({@link Features#canonicalKey}) made once when the site is decoded rather than on every cached
 * request, where it would sort the map and encode its strings again.
 */
final class FeatureMap extends AbstractMap<String, Object> {

  static final FeatureMap EMPTY = new FeatureMap(Map.of());

  private final Map<String, Object> entries;
  private final String canonicalKey;

  private FeatureMap(Map<String, Object> entries) {
    this.entries = entries;
    this.canonicalKey = Features.canonicalKey(entries);
  }

  /** @param scalars checked scalar values, numbers normalised; copied */
  static FeatureMap of(Map<String, Object> scalars) {
    return scalars.isEmpty() ? EMPTY : new FeatureMap(Collections.unmodifiableMap(new LinkedHashMap<>(scalars)));
  }

  /** @return {@link Features#canonicalKey} of this map */
  String canonicalKey() {
    return canonicalKey;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return entries.entrySet();
  }

  @Override
  public Object get(Object key) {
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }
}
