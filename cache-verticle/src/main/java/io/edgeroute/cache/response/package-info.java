/**
 * Edgeroute's shared HTTP response cache (SPEC §6, issue #5), written instead of vertx-http-proxy's
 * cache, which ignores {@code Vary}, {@code private} and {@code no-store}.
 *
 * <h2>How a request goes through it</h2>
 * <ol>
 *   <li>{@link io.edgeroute.cache.response.ResponseCache#serve} is called by the router for GET and
 *       HEAD on a site with {@code cache.enabled}. A cookie matching a {@code cache.bypassCookies}
 *       pattern skips the cache ({@code Cache-Status: edgeroute; fwd=bypass}).</li>
 *   <li>The {@link io.edgeroute.cache.response.PrimaryKey} holds the site id, {@code cacheGeneration},
 *       {@code features}, method class (GET = HEAD), scheme, host, path and sorted query; the
 *       {@link io.edgeroute.cache.response.ResponseStore} remembers the {@code Vary} names of the
 *       stored response per primary key and selects the variant
 *       ({@link io.edgeroute.cache.response.EntryKey}), Varnish/Squid style. A changed feature or
 *       generation is another key: the old variant cannot be selected again, and is left to LRU.</li>
 *   <li>A fresh entry is a hit ({@link io.edgeroute.cache.response.HitResponse}: {@code Age},
 *       {@code Cache-Status: edgeroute; hit; ttl=N}, 304 for a matching {@code If-None-Match} /
 *       {@code If-Modified-Since}, a 206 for one byte range ({@link io.edgeroute.cache.response.ByteRange}),
 *       no body for HEAD). A stale one inside {@code stale-while-revalidate} (the origin's or the
 *       site's) is served while one background request refreshes it.</li>
 *   <li>Otherwise the first request for the key leads a flight ({@link io.edgeroute.cache.response.Coalescer});
 *       others wait for it and are answered from what it stored (or go themselves after 5 s, or
 *       at once when it could not store). The leader's {@link io.edgeroute.cache.response.CacheFill}
 *       decides from the header section ({@link io.edgeroute.cache.response.Storability},
 *       {@link io.edgeroute.cache.response.Freshness}, with the directives that
 *       {@link io.edgeroute.cache.response.TargetedCacheControl} picks: {@code Edgeroute-Cache-Control},
 *       then {@code CDN-Cache-Control}, then {@code Cache-Control}) and the body streams to the visitor through
 *       a {@link io.edgeroute.cache.response.TeeStream} that keeps a copy up to
 *       {@code responseCache.maxObjectBytes}: a larger body (by {@code Content-Length}, or found
 *       while streaming) is passed through and never buffered whole.</li>
 *   <li>A stale entry with a validator is revalidated by the same flight
 *       ({@link io.edgeroute.cache.response.Revalidation}): the origin request carries
 *       {@code If-None-Match} / {@code If-Modified-Since}, and a 304 freshens the stored header
 *       section, is stored again and the stored body served. {@code no-cache} entries are never
 *       fresh, so every use revalidates. On a plain miss the visitor's own conditionals go to the
 *       origin and a 304 or 412 is relayed, never stored.</li>
 *   <li>An origin that refuses, times out or answers 5xx with a stale entry inside
 *       {@code stale-if-error} (the origin's or the site's {@code cache.staleIfError}) gets the stale
 *       entry served instead; never with {@code must-revalidate}, {@code proxy-revalidate} or
 *       {@code no-cache}.</li>
 * </ol>
 *
 * <h2>Bounds and purges</h2>
 * The store is one LRU weighed in bytes (bodies, headers, keys and a per-entry overhead) held
 * under {@code responseCache.maxBytes} after every insert. Purges by path, prefix, tag and all go
 * through {@link io.edgeroute.cache.response.ResponseCache#purgeHost}, reached from the KV change
 * channel and other nodes by {@link io.edgeroute.cache.Invalidation}; a whole-site purge
 * is also a {@code cacheGeneration} bump, which needs no message at all.
 *
 * <p>{@code scripts/bench-response-cache.sh} measures cache hits against direct-to-origin.
 */
package io.edgeroute.cache.response;
