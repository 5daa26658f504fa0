package io.edgeroute.router;

import io.edgeroute.shared.http.HeaderFields;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.net.HostAndPort;

/**
 * The header rule of every request to an origin (SPEC §4, §4a), whichever strategy sends it: the
 * given headers without hop-by-hop fields (save an upgrade's), Host and Expect, plus the forwarding
 * headers about the visitor; the authority is the plan's Host; and, for a request that relays the
 * visitor's body, the router's own framing of it.
 */
final class OriginHeaders {

  private OriginHeaders() {
  }

  /**
   * Sets the headers of {@code originRequest} from {@code in}.
   *
   * @param in      the visitor's headers, or the ones the response cache chose for its fetch
   * @param upgrade whether the request is a WebSocket upgrade, whose Connection and Upgrade stay
   */
  static void forward(MultiMap in, HttpClientRequest originRequest, Exchange exchange, boolean upgrade) {
    forward(in, originRequest.headers(), exchange, upgrade);
    ProxyPlan plan = exchange.plan();
    HostAndPort authority = HostAndPort.parseAuthority(plan.target().hostHeader(), -1);
    // The request options carry no host for a plain origin (one pool per address), so the url's
    // authority is the fallback here.
    originRequest.authority(authority != null ? authority
        : HostAndPort.create(OriginClient.sniHost(plan.target()), plan.target().url().port()));
  }

  /**
   * Adds to {@code out} the headers of a request to the origin from {@code in}: all but Host,
   * which the caller sets ({@link #host}).
   */
  static void forward(MultiMap in, MultiMap out, Exchange exchange, boolean upgrade) {
    ProxyPlan plan = exchange.plan();
    HeaderFields.copy(in, out);
    HopByHopHeaders.strip(out, upgrade);
    out.remove(HttpHeaders.HOST);
    out.remove(HttpHeaders.EXPECT);
    plan.forwarded().apply(out, exchange.peerAddress, exchange.scheme, exchange.visitorHost, exchange.requestId());
    plan.rewrite().forward(out);
    FeaturesHeader.apply(out, plan.site());
  }

  /**
   * @return the fields of a request to the exchange's origin on the router's own connections: those
   *     of {@code in} as {@link #forward(MultiMap, MultiMap, Exchange, boolean)} keeps them, then Host
   */
  static HeadersMultiMap fields(MultiMap in, Exchange exchange) {
    HeadersMultiMap fields = HeadersMultiMap.httpHeaders();
    forward(in, fields, exchange, false);
    fields.add(HttpHeaders.HOST, host(exchange.plan()));
    return fields;
  }

  /**
   * @return the Host of a request to the plan's origin: the plan's Host header, else the url's
   *     authority; without the port when it is the scheme's default (as Vert.x's client writes it)
   */
  static String host(ProxyPlan plan) {
    HostAndPort authority = HostAndPort.parseAuthority(plan.target().hostHeader(), -1);
    if (authority == null) {
      authority = HostAndPort.create(OriginClient.sniHost(plan.target()), plan.target().url().port());
    }
    boolean tls = plan.target().url().isTls();
    int port = authority.port();
    return port < 0 || (port == 80 && !tls) || (port == 443 && tls) ? authority.host() : authority.host() + ':' + port;
  }

  /** @return whether the visitor's request has no body (no Transfer-Encoding, Content-Length absent or 0) */
  static boolean bodiless(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        && (length == null || length.trim().equals("0"));
  }

  /**
   * Frames the body relayed from the visitor's request. The origin request's framing is the
   * router's, from the body as decoded (SPEC §4a); the visitor's framing headers are never copied,
   * whatever Connection named. The gate (VisitorGate) let through one plain decimal Content-Length
   * or exactly "chunked", never both.
   */
  static void frame(HttpServerRequest request, HttpClientRequest originRequest) {
    if (frame(request, originRequest.headers())) {
      originRequest.setChunked(true);
    }
  }

  /**
   * As {@link #frame(HttpServerRequest, HttpClientRequest)}, in the fields of a request the caller writes.
   *
   * @return whether the body goes chunked; its Content-Length, if any, is set in {@code out}
   */
  static boolean frame(HttpServerRequest request, MultiMap out) {
    out.remove(HttpHeaders.CONTENT_LENGTH);
    out.remove(HttpHeaders.TRANSFER_ENCODING);
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      out.set(HttpHeaders.CONTENT_LENGTH, Long.toString(Long.parseLong(length.trim())));
      return false;
    }
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
