package io.edgeroute.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Wildcard ownership of SPEC §7 (409), on every backend: see {@link WildcardClaims}. */
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class WildcardOwnershipContractTest extends AdminApiTestBase {

  @Test
  void tenantCannotCreateAHostUnderAnotherTenantsWildcardButOneLevelDeeperIsNotUnderIt(VertxTestContext ctx) {
    Future.all(tenantToken("jottings"), tenantToken("bob")).compose(tokens -> {
      String jottings = tokens.resultAt(0);
      String bob = tokens.resultAt(1);
      return putSite(jottings, "*.jottings.test", site("https://j.example.com")).map(r -> expect(201, r))
          .compose(r -> putSite(bob, "bob.jottings.test", site("https://b.example.com"))).map(r -> expect(409, r))
          .compose(r -> putSite(OPERATOR, "bob.jottings.test", site("https://b.example.com").put("tenant", "bob")))
          .map(r -> expect(409, r))
          .compose(r -> putSite(bob, "x.bob.jottings.test", site("https://b.example.com"))).map(r -> expect(201, r))
          .compose(r -> putSite(jottings, "alice.jottings.test", site("https://j.example.com"))).map(r -> expect(201, r))
          .compose(r -> store.get(KEYS.site("bob.jottings.test")));
    }).onComplete(ctx.succeeding(entry -> ctx.verify(() -> {
      assertEquals(null, entry, "the refused host was never written");
      ctx.completeNow();
    })));
  }

  @Test
  void tenantCannotCreateAWildcardOverAnotherTenantsHost(VertxTestContext ctx) {
    Future.all(tenantToken("one"), tenantToken("other")).compose(tokens -> {
      String one = tokens.resultAt(0);
      String other = tokens.resultAt(1);
      return putSite(one, "www.one.test", site("https://o.example.com")).map(r -> expect(201, r))
          .compose(r -> putSite(other, "*.one.test", site("https://x.example.com"))).map(r -> expect(409, r))
          .compose(r -> putSite(one, "*.one.test", site("https://o.example.com"))).map(r -> expect(201, r))
          .compose(r -> putSite(other, "deep.www.one.test", site("https://x.example.com"))).map(r -> expect(201, r));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void deletingTheWildcardReleasesItsHostsToOtherTenants(VertxTestContext ctx) {
    Future.all(tenantToken("first"), tenantToken("second")).compose(tokens -> {
      String first = tokens.resultAt(0);
      String second = tokens.resultAt(1);
      return putSite(first, "*.freed.test", site("https://f.example.com")).map(r -> expect(201, r))
          .compose(r -> call(HttpMethod.DELETE, "/v1/sites/*.freed.test", first, null)).map(r -> expect(204, r))
          .compose(r -> putSite(second, "a.freed.test", site("https://s.example.com"))).map(r -> expect(201, r));
    }).onComplete(ctx.succeedingThenComplete());
  }

  /**
   * Twenty zones, in each tenant A creating {@code *.zN.test} and tenant B {@code hN.zN.test} at
   * once: never both created, whichever order the two keys' writes land in.
   */
  @Test
  void aWildcardAndAHostUnderItRacingForTwoTenantsNeverBothWin(VertxTestContext ctx) {
    Future.all(tenantToken("alpha"), tenantToken("beta")).compose(tokens -> {
      List<Future<int[]>> rounds = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Future<Integer> wildcard = putSite(tokens.resultAt(0), "*.z" + i + ".test", site("https://a.example.com"))
            .map(r -> r.statusCode());
        Future<Integer> host = putSite(tokens.resultAt(1), "h" + i + ".z" + i + ".test", site("https://b.example.com"))
            .map(r -> r.statusCode());
        rounds.add(Future.all(wildcard, host).map(both -> new int[] {wildcard.result(), host.result()}));
      }
      return Future.all(rounds).map(all -> rounds.stream().map(Future::result).toList());
    }).onComplete(ctx.succeeding(rounds -> ctx.verify(() -> {
      for (int[] round : rounds) {
        assertFalse(round[0] == 201 && round[1] == 201, "both the wildcard and the host under it were created");
        assertTrue(round[0] == 201 || round[0] == 409, "wildcard answered " + round[0]);
        assertTrue(round[1] == 201 || round[1] == 409, "host answered " + round[1]);
      }
      ctx.completeNow();
    })));
  }
}
