package io.edgeroute.cache.response;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stored variant. Immutable once stored: {@link #headers()} are read-only {@link StoredFields},
 * which readers copy before adding {@code Age} and {@code Cache-Status}.
 *
 * @param key                the full key it is stored under
 * @param status             the origin's status
 * @param headers            the origin's headers, hop-by-hop fields and {@code Age} removed
 * @param body               the whole body
 * @param freshness          lifetime and age bookkeeping
 * @param varyNames          the response's {@code Vary} names, recorded at the primary key
 * @param tags               the origin's {@code Cache-Tag} values, for purge
 * @param sharedForAuthorized whether a request carrying Authorization may be answered from it
 * @param path               the visitor's path, for purge by path and prefix
 */
public record CachedResponse(EntryKey key, int status, StoredFields headers, Buffer body, Freshness freshness,
                             List<String> varyNames, Set<String> tags, boolean sharedForAuthorized, String path) {

  /** Hop-by-hop fields (RFC 9110 §7.6.1) and fields this cache sets itself; never stored. */
  static final Set<String> NOT_STORED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
      "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization", "age",
      // Tags are kept aside for purges, Edgeroute's own targeted field is for this cache alone:
      // neither is shown to visitors (SPEC §6).
      "cache-tag", "surrogate-key", "edgeroute-cache-control");

  /**
   * Per-entry bookkeeping not counted in headers and body: the records, key strings, LRU and index
   * map entries. Measured with ResponseCacheBench's bound phase (heap held after a full GC by
   * 10,000 objects squeezed into 4 MiB): about 1 KiB per entry beyond its body with three headers,
   * which this constant plus {@link #HEADER_OVERHEAD} per header reproduces.
   */
  static final int OVERHEAD = 640;

  /**
   * Per stored header field beyond its characters: two {@code AsciiString}s and their byte arrays
   * (measured as a map entry and two Strings, which took a little more).
   */
  static final int HEADER_OVERHEAD = 64;

  public CachedResponse {
    varyNames = List.copyOf(varyNames);
    tags = Set.copyOf(tags);
  }

  /**
   * @return a copy of the headers without hop-by-hop fields, those the origin's {@code Connection}
   *     names included (once it is dropped nobody could tell later), with {@code Content-Length} of the body
   *     unless {@code bodyLength} is negative
   */
  static StoredFields storedHeaders(MultiMap origin, int bodyLength) {
    Set<String> connectionOptions = new HashSet<>();
    for (String line : origin.getAll("Connection")) {
      for (String name : line.split(",")) {
        connectionOptions.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> header : origin) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!NOT_STORED.contains(name) && !connectionOptions.contains(name)) {
        copy.add(header.getKey(), header.getValue());
      }
    }
    if (bodyLength >= 0) {
      copy.set("Content-Length", Integer.toString(bodyLength));
    }
    return StoredFields.of(copy);
  }

  /**
   * @return the purge tags: {@code Cache-Tag} values (comma-separated, Cloudflare's form) and
   *     {@code Surrogate-Key} values (space-separated, Fastly's form), trimmed, empty ones dropped
   */
  static Set<String> tags(MultiMap headers) {
    Set<String> tags = new TreeSet<>();
    for (String line : headers.getAll("Cache-Tag")) {
      for (String tag : line.split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag.trim());
        }
      }
    }
    for (String line : headers.getAll("Surrogate-Key")) {
      for (String tag : line.trim().split("[ \t]+")) {
        if (!tag.isBlank()) {
          tags.add(tag);
        }
      }
    }
    return tags;
  }

  /** @return a copy of the response as freshened by a revalidation: new headers and freshness, same body */
  CachedResponse freshened(MultiMap newHeaders, Freshness newFreshness) {
    return new CachedResponse(key, status, StoredFields.of(newHeaders), body, newFreshness, varyNames, tags, sharedForAuthorized, path);
  }

  /** @return the bytes this entry is charged against {@code responseCache.maxBytes} */
  public long weight() {
    long weight = OVERHEAD + key.weight() + body.length() + headers.weight(HEADER_OVERHEAD);
    for (String tag : tags) {
      weight += tag.length() + 32;
    }
    return weight;
  }

  public String siteId() {
    return key.primary().siteId();
  }

  public long generation() {
    return key.primary().generation();
  }
}
