package io.edgeroute.router;

import io.edgeroute.shared.host.HostPort;
import io.edgeroute.shared.model.Origin;
import io.edgeroute.shared.model.OriginUrl;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Origin#target()} parsed once per url string instead of once per request (the parse
 * normalises the host with regular expressions; it showed in the 1 KiB profile), with the texts
 * every request to it needs built once too. The table is bounded: past {@link #MAX_URLS} distinct
 * urls it is emptied and refills with the urls in use.
 */
final class ParsedOrigins {

  /**
   * One origin url, parsed.
   *
   * @param authority {@link OriginUrl#authority()}, built once
   * @param dial      the url's host and port, the address dialled when the site names no {@code connectTo}
   */
  record Parsed(OriginUrl url, String authority, HostPort dial) {
    Parsed(OriginUrl url) {
      this(url, url.authority(), new HostPort(url.host(), url.port()));
    }
  }

  /** Distinct origin urls remembered at most; far above the sites of one router. */
  static final int MAX_URLS = 16_384;

  private static final ConcurrentHashMap<String, Parsed> PARSED = new ConcurrentHashMap<>();

  private ParsedOrigins() {
  }

  /** @return {@code origin.target()}, parsed at most once per url while it stays in the table */
  static OriginUrl target(Origin origin) {
    return parsed(origin).url();
  }

  /** @return {@code origin}'s url parsed, at most once per url while it stays in the table */
  static Parsed parsed(Origin origin) {
    Parsed parsed = PARSED.get(origin.url());
    if (parsed != null) {
      return parsed;
    }
    parsed = new Parsed(origin.target());
    if (PARSED.size() >= MAX_URLS) {
      PARSED.clear();
    }
    PARSED.put(origin.url(), parsed);
    return parsed;
  }
}
