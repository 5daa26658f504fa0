package io.edgeroute.cache.response;

import io.edgeroute.shared.http.LentBuffer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One forwarded request of a {@link CacheDecision.Kind#MISS}: decides from the origin's header
 * section whether to store, then stores the body as it streams to the visitor. When it leads a
 * flight it always ends it, so waiting requests are released (stored, not storable, failed).
 */
public final class CacheFill {

  private static final Logger LOG = Logger.getLogger(CacheFill.class.getName());

  /** Visitor headers a revalidation does not forward: it asks with the stored response's validators. */
  private static final List<String> CONDITIONALS = List.of("If-None-Match", "If-Modified-Since", "If-Match",
      "If-Unmodified-Since", "If-Range", "Range");

  /**
   * Visitor headers an ordinary storing miss does not forward: the cache wants the whole
   * representation, and answers the range itself once it has it. The visitor's own validators are
   * passed on (the cache has nothing to answer them with); a 304 or 412 is relayed, never stored.
   */
  private static final List<String> RANGE = List.of("If-Range", "Range");

  private final ResponseCache cache;
  private final CacheRequest request;
  private final EntryKey flightKey;
  private final CachedResponse stale;
  private final String noStoreDetail;
  private final long requestTime;
  /** The stale entry's validators when this fill revalidates it (RFC 9111 §4.3.1), else empty. */
  private final MultiMap validators;
  private final AtomicBoolean finished = new AtomicBoolean();

  /**
   * @param flightKey     the key whose flight this fill leads, or {@code null} when it leads none
   * @param stale         the stale entry this fill may fall back on (stale-if-error), or {@code null}
   * @param noStoreDetail non-null when this fill must not store, giving why (Cache-Status detail)
   */
  CacheFill(ResponseCache cache, CacheRequest request, EntryKey flightKey, CachedResponse stale, String noStoreDetail) {
    this.cache = cache;
    this.request = request;
    this.flightKey = flightKey;
    this.stale = stale;
    this.noStoreDetail = flightKey == null && noStoreDetail == null ? "not-leader" : noStoreDetail;
    this.requestTime = cache.now();
    this.validators = stale != null && this.noStoreDetail == null ? Revalidation.validators(stale)
        : MultiMap.caseInsensitiveMultiMap();
  }

  /**
   * @return the request to send to the origin: when this fill revalidates, the stored validators
   *     instead of the visitor's conditionals; when it stores, without {@code Range}; else as the
   *     visitor sent it
   */
  public CacheRequest originRequest() {
    if (noStoreDetail != null) {
      return request;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    if (validators.isEmpty()) {
      RANGE.forEach(headers::remove);
    } else {
      CONDITIONALS.forEach(headers::remove);
      headers.addAll(validators);
    }
    return request.withHeaders(headers);
  }

  /** @return whether this fill asks the origin to validate a stored response */
  boolean revalidates() {
    return !validators.isEmpty();
  }

  /**
   * Takes the origin's response. A 5xx with a stale entry inside {@code stale-if-error} is
   * drained and the stale entry served instead.
   *
   * @return what to send; when {@link ServedResponse#isStreaming()} the caller must read the stream
   *     to its end, since that is when the entry is stored
   */
  public ServedResponse admit(OriginResponse origin) {
    long now = cache.now();
    if (origin.status() >= 500 && stale != null && stale.freshness().withinStaleIfError(now)) {
      drain(origin.body());
      release();
      return HitResponse.of(request, stale, now,
          CacheStatus.staleIfError(stale.freshness().ttlSeconds(now), origin.status()));
    }
    String fwd = stale != null ? "stale" : "miss";
    if (origin.status() == 304 && revalidates() && Revalidation.matches(stale, origin.headers())) {
      return freshen(origin, now);
    }
    if (noStoreDetail != null) {
      release();
      return passThrough(origin, CacheStatus.forwarded(fwd, 0, false, noStoreDetail));
    }
    TargetedCacheControl directives = TargetedCacheControl.of(origin.headers());
    CacheControl cc = directives.directives();
    Freshness freshness = Freshness.of(directives, origin.headers(), request.site().cache(), requestTime, now);
    Storability.Verdict verdict = Storability.decide(request, origin.status(), origin.headers(), cc, freshness);
    if (!verdict.store()) {
      release();
      return passThrough(origin, CacheStatus.forwarded(fwd, 0, false, verdict.reason()));
    }
    long maxObject = cache.maxObjectBytes();
    if (contentLength(origin.headers()) > maxObject) {
      // Known too large: never buffered, streams straight through.
      release();
      return passThrough(origin, CacheStatus.forwarded(fwd, 0, false, "too-large"));
    }
    Collector collector = new Collector(origin, cc, freshness, maxObject, contentLength(origin.headers()));
    return new ServedResponse(origin.status(), withStatus(origin.headers(), CacheStatus.forwarded(fwd, 0, true, null)),
        null, new TeeStream(origin.body(), collector));
  }

  /**
   * RFC 9111 §4.3.4: the origin confirmed the stored response; its header section is freshened
   * with the 304's, stored again, and the stored body served (answering the visitor's own
   * conditional or range as a hit would).
   */
  private ServedResponse freshen(OriginResponse notModified, long now) {
    drain(notModified.body());
    MultiMap headers = Revalidation.freshenedHeaders(stale.headers(), notModified.headers());
    TargetedCacheControl directives = TargetedCacheControl.of(headers);
    Freshness freshness = Freshness.of(directives, headers, request.site().cache(), requestTime, now);
    CachedResponse freshened = stale.freshened(headers, freshness);
    boolean stored = cache.keep(request, freshened);
    finish(stored ? Coalescer.Outcome.STORED : Coalescer.Outcome.RELEASED);
    return HitResponse.of(request, freshened, now, CacheStatus.forwarded("stale", 304, stored, null));
  }

  /**
   * Takes a failed fetch (refused, broken, timed out).
   *
   * @return the stale entry inside {@code stale-if-error}, else the same failure for the caller to map
   */
  public Future<ServedResponse> failed(Throwable cause) {
    release();
    long now = cache.now();
    if (stale != null && stale.freshness().withinStaleIfError(now)) {
      LOG.log(Level.FINE, "origin failed, serving stale " + request.host() + request.path(), cause);
      return Future.succeededFuture(
          HitResponse.of(request, stale, now, CacheStatus.staleIfError(stale.freshness().ttlSeconds(now), 0)));
    }
    return Future.failedFuture(cause);
  }

  private ServedResponse passThrough(OriginResponse origin, String cacheStatus) {
    return new ServedResponse(origin.status(), withStatus(origin.headers(), cacheStatus), null, origin.body());
  }

  private static MultiMap withStatus(MultiMap origin, String member) {
    MultiMap headers = ResponseCache.visible(origin);
    headers.set(CacheStatus.HEADER, CacheStatus.append(headers.get(CacheStatus.HEADER), member));
    return headers;
  }

  private static long contentLength(MultiMap headers) {
    String value = headers.get("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void drain(ReadStream<Buffer> body) {
    body.exceptionHandler(e -> { });
    body.endHandler(v -> { });
    body.handler(LentBuffer::giveBack);
    body.resume();
  }

  private void release() {
    finish(Coalescer.Outcome.RELEASED);
  }

  private void finish(Coalescer.Outcome outcome) {
    if (flightKey != null && finished.compareAndSet(false, true)) {
      cache.coalescer().finish(flightKey, outcome);
    }
  }

  /** Buffers the streaming body up to {@code maxObjectBytes}, then stores it or gives up. */
  private final class Collector implements TeeStream.BodyCollector {
    private final OriginResponse origin;
    private final CacheControl cc;
    private final Freshness freshness;
    private final long maxObject;
    private final boolean exactSize;
    private Buffer body;

    /** @param contentLength the announced length (then the buffer is allocated once, exactly), or -1 */
    Collector(OriginResponse origin, CacheControl cc, Freshness freshness, long maxObject, long contentLength) {
      this.exactSize = contentLength >= 0 && contentLength < Integer.MAX_VALUE;
      this.body = exactSize ? Buffer.buffer((int) contentLength) : Buffer.buffer();
      this.origin = origin;
      this.cc = cc;
      this.freshness = freshness;
      this.maxObject = maxObject;
    }

    @Override
    public void chunk(Buffer chunk) {
      if (body == null) {
        return;
      }
      if (body.length() + chunk.length() > maxObject) {
        // Chunked and larger than the limit: stop keeping it, keep streaming it.
        body = null;
        release();
        return;
      }
      body.appendBuffer(chunk);
    }

    @Override
    public void end() {
      if (body == null) {
        return;
      }
      MultiMap headers = origin.headers();
      Buffer kept = cache.bodies().kept(body, exactSize && body.length() == contentLength(headers));
      CachedResponse stored = new CachedResponse(
          EntryKey.of(PrimaryKey.of(request), EntryKey.varyNames(headers.getAll("Vary")), request.headers()),
          origin.status(), CachedResponse.storedHeaders(headers, kept.length()), kept, freshness,
          EntryKey.varyNames(headers.getAll("Vary")), CachedResponse.tags(headers),
          Storability.allowsAuthorized(cc), request.path());
      body = null;
      finish(cache.keep(request, stored) ? Coalescer.Outcome.STORED : Coalescer.Outcome.RELEASED);
    }

    @Override
    public void fail(Throwable error) {
      body = null;
      release();
    }
  }
}
