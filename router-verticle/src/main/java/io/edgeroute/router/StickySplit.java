package io.edgeroute.router;

import io.edgeroute.shared.model.Route;
import io.edgeroute.shared.model.SplitBranch;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Picks a branch of a weighted split (SPEC §3 {@code split}, {@code sticky}). A sticky visitor
 * carries the {@link Route#STICKY_COOKIE} cookie naming its branch by label, or by index when the
 * branch has none. A cookie that names no branch, or a branch whose weight is now 0, is treated as
 * absent: that is what lets a blue-green flip (100/0 → 0/100) move sticky visitors too.
 */
final class StickySplit {

  /**
   * @param branch    the chosen branch
   * @param setCookie the cookie value to set on the response, or {@code null} when none is needed
   */
  record Pick(SplitBranch branch, String setCookie) {
  }

  private StickySplit() {
  }

  /**
   * @param route  a split route
   * @param cookie the visitor's {@code edgeroute_split} value, or {@code null}
   * @param random given a bound n, returns a uniformly random long in [0, n)
   */
  static Pick pick(Route route, String cookie, LongUnaryOperator random) {
    List<SplitBranch> branches = route.split();
    if (route.sticky() && cookie != null) {
      for (int i = 0; i < branches.size(); i++) {
        SplitBranch b = branches.get(i);
        if (b.weight() > 0 && cookie.equals(cookieValue(b, i))) {
          return new Pick(b, null);
        }
      }
    }
    long ticket = random.applyAsLong(route.totalWeight());
    for (int i = 0; i < branches.size(); i++) {
      SplitBranch b = branches.get(i);
      ticket -= b.weight();
      if (ticket < 0) {
        return new Pick(b, route.sticky() ? cookieValue(b, i) : null);
      }
    }
    throw new IllegalStateException("split weights changed under the pick");
  }

  /** @return how the cookie names branch {@code index}: its label, else its index */
  static String cookieValue(SplitBranch branch, int index) {
    return branch.label() != null ? branch.label() : Integer.toString(index);
  }

  /**
   * @return the {@code Set-Cookie} value pinning a visitor to a branch: whole site, not readable by
   *     scripts, sent on top-level navigations from other sites (SameSite=Lax) so links keep the pin
   */
  static String setCookieHeader(String value) {
    return Route.STICKY_COOKIE + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "; Path=/; HttpOnly; SameSite=Lax";
  }

  /** @return the branch name carried by a raw cookie value, or {@code null} if it cannot be read */
  static String readCookie(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
