package io.edgeroute.admin;

import io.edgeroute.shared.config.VerificationOptions;
import io.edgeroute.shared.model.HostVerification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.List;

/**
 * Checks once whether a host is proven (SPEC §7), against {@code admin.dnsServers} (the first one;
 * the system's resolver when none): {@code dns} looks for the token in the TXT records of
 * {@code _edgeroute-challenge.<host>}; {@code http} resolves the host there and fetches
 * {@code /.well-known/edgeroute-challenge/<token>} from it on {@code admin.verificationHttpPort},
 * without following redirects, expecting exactly the token; {@code any} accepts either, and so does
 * {@code off} for sites left pending when the operator turned verification off.
 */
final class OwnershipProof {

  private static final long QUERY_TIMEOUT_MS = 3_000;
  private static final long HTTP_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final HttpClient http;

  OwnershipProof(Vertx vertx) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  /** @return a future completed with whether {@code host} is proven now; never failed */
  Future<Boolean> check(String host, HostVerification verification, VerificationOptions options) {
    String mode = options.getHostVerification();
    DnsClient dns = dnsClient(options.getDnsServers());
    Future<Boolean> byDns = VerificationOptions.HTTP.equals(mode) ? Future.succeededFuture(false)
        : dns.resolveTXT(HostVerification.txtName(host)).map(records -> records.stream()
            .anyMatch(r -> r.trim().equals(verification.token()))).otherwise(false);
    return byDns.compose(proven -> proven || VerificationOptions.DNS.equals(mode) || verification.url(host) == null
            ? Future.succeededFuture(proven) : byHttp(dns, host, verification, options.getHttpPort()))
        .eventually(dns::close);
  }

  private Future<Boolean> byHttp(DnsClient dns, String host, HostVerification verification, int port) {
    return dns.resolveA(host).compose(addresses -> addresses.isEmpty() ? Future.succeededFuture(false)
            : http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(addresses.get(0)).setPort(port)
                    .setURI(HostVerification.HTTP_PATH + verification.token()).setTimeout(HTTP_TIMEOUT_MS)
                    .putHeader("Host", host))
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200
                    && body.toString().trim().equals(verification.token()))))
        .otherwise(false);
  }

  private DnsClient dnsClient(List<String> servers) {
    if (servers.isEmpty()) {
      return vertx.createDnsClient(new DnsClientOptions().setQueryTimeout(QUERY_TIMEOUT_MS));
    }
    String server = servers.get(0);
    int colon = server.lastIndexOf(':');
    return vertx.createDnsClient(new DnsClientOptions().setHost(server.substring(0, colon))
        .setPort(Integer.parseInt(server.substring(colon + 1))).setQueryTimeout(QUERY_TIMEOUT_MS));
  }
}
