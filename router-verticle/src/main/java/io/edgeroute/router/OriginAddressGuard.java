package io.edgeroute.router;

import io.edgeroute.shared.host.HostNames;
import io.edgeroute.shared.host.HostPort;
import io.edgeroute.shared.model.validation.OriginPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.resolver.NameResolver;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The dial-time half of the private-origin rule (SPEC §4a, §7): a tenant-set origin whose name
 * resolves to a loopback, link-local or private address is refused with 502, unless
 * {@code admin.allowPrivateOrigins}. The admin API can only refuse literal addresses and
 * {@code localhost} names at write time; {@code localtest.me} or {@code 127.0.0.1.nip.io} resolve
 * to loopback only when asked.
 *
 * <p>The name is resolved here, the answer is checked, and the request is then pinned to the
 * checked address, the way {@code connectTo} pins one ({@link OriginTarget#dial()}; Host and TLS
 * SNI stay the url's host). So a name that answers a public address to this check and a private
 * one a moment later (DNS rebinding) cannot get past it: there is no second lookup.
 *
 * <p>Resolution is asynchronous, through vert.x's own resolver (the one its HTTP client uses:
 * hosts file, then DNS, with its cache and {@code AddressResolverOptions}); vert.x 5 exposes it
 * only as internal API ({@link VertxInternal#nameResolver()}), which is why it is reached that way.
 * Operator-set origins (no {@code tenantOrigins} mark) are dialled as they are, unresolved here.
 */
final class OriginAddressGuard {

  /** What the visitor is told when the check refuses an origin. */
  static final String REFUSED = "the origin may not be reached.";

  private final NameResolver resolver;
  private volatile boolean allowPrivateOrigins;

  /** @param allowPrivateOrigins {@code admin.allowPrivateOrigins}; live, see {@link #allowPrivateOrigins(boolean)} */
  OriginAddressGuard(Vertx vertx, boolean allowPrivateOrigins) {
    this.resolver = ((VertxInternal) vertx).nameResolver();
    this.allowPrivateOrigins = allowPrivateOrigins;
  }

  /** Applies a new {@code admin.allowPrivateOrigins}. */
  void allowPrivateOrigins(boolean allow) {
    allowPrivateOrigins = allow;
  }

  /**
   * @param plan      the request's plan
   * @param tenantSet whether a tenant token set the origin it dials ({@code tenantOrigins})
   * @return a future completed with the plan, its dial address pinned to the checked IP when the
   *     origin is tenant-set; failed with a 502 {@link ProxyFailure} when that IP is not public or
   *     the name does not resolve
   */
  Future<ProxyPlan> pin(ProxyPlan plan, boolean tenantSet) {
    if (!tenantSet || allowPrivateOrigins) {
      return Future.succeededFuture(plan);
    }
    HostPort dial = plan.target().dial();
    if (HostNames.isIpv4Literal(dial.host()) || dial.host().startsWith("[")) {
      return check(plan, dial, dial.host());
    }
    return resolver.resolve(dial.host())
        .recover(t -> Future.failedFuture(ProxyFailure.badGateway("the origin's name does not resolve.", t)))
        .compose(address -> check(plan, dial, literal(address)));
  }

  private static Future<ProxyPlan> check(ProxyPlan plan, HostPort dial, String address) {
    String reason = OriginPolicy.privateReason(address);
    if (reason != null) {
      // 502, like any origin the router may not or cannot reach; the visitor learns nothing more.
      // The detail goes to the log only: the visitor is not told what the tenant's name resolves to.
      return Future.failedFuture(ProxyFailure.badGateway(REFUSED, new IllegalStateException(
          "origin " + dial.host() + " resolves to " + reason + " (" + address + "), which a tenant's origin may not use")));
    }
    return Future.succeededFuture(plan.withTarget(plan.target().withDial(new HostPort(address, dial.port()))));
  }

  /** @return {@code address} as {@link OriginPolicy} and {@link HostPort} take it: dotted quad, or IPv6 in brackets */
  static String literal(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      String text = v6.getHostAddress();
      int zone = text.indexOf('%');
      return "[" + (zone < 0 ? text : text.substring(0, zone)) + "]";
    }
    return address.getHostAddress();
  }
}
