package io.edgeroute.router;

import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.OriginUrl;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Origin#target()} parsed once per url string instead of once per request (the parse
 * normalises the host with regular expressions; it showed in the 1 KiB profile). The table is
 * bounded: past {@link #MAX_URLS} distinct urls it is emptied and refills with the urls in use.
 */
final class ParsedOrigins {

  /** Distinct origin urls remembered at most; far above the sites of one router. */
  static final int MAX_URLS = 16_384;

  private static final ConcurrentHashMap<String, OriginUrl> PARSED = new ConcurrentHashMap<>();

  private ParsedOrigins() {
  }

  /** @return {@code origin.target()}, parsed at most once per url while it stays in the table */
  static OriginUrl target(Origin origin) {
    OriginUrl parsed = PARSED.get(origin.url());
    if (parsed != null) {
      return parsed;
    }
    parsed = origin.target();
    if (PARSED.size() >= MAX_URLS) {
      PARSED.clear();
    }
    PARSED.put(origin.url(), parsed);
    return parsed;
  }
}
