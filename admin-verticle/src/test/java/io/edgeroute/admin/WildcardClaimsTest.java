package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.MemoryKvStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Claims not backed by a site: honoured for {@link WildcardClaims#GRACE}, then released. */
@ExtendWith(VertxExtension.class)
class WildcardClaimsTest {

  private static final KvKeys KEYS = KvKeys.defaults();

  private final AtomicLong now = new AtomicLong(1_000_000);
  private WildcardClaims claims;

  @BeforeEach
  void open(Vertx vertx, VertxTestContext ctx) {
    MemoryKvStore.open(vertx, null, KEYS).onComplete(ctx.succeeding(store -> {
      claims = new WildcardClaims(store, KEYS, now::get);
      ctx.completeNow();
    }));
  }

  @Test
  void aHostClaimInFlightBlocksAnotherTenantsWildcardUntilTheGraceRunsOut(VertxTestContext ctx) {
    claims.claim("www.zone.test", "beta")
        .compose(v -> claims.claim("*.zone.test", "alpha").transform(WildcardClaimsTest::refused))
        .compose(v -> {
          now.addAndGet(WildcardClaims.GRACE.toMillis() + 1);
          return claims.claim("*.zone.test", "alpha");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aWildcardClaimInFlightBlocksAnotherTenantsHostUntilTheGraceRunsOut(VertxTestContext ctx) {
    claims.claim("*.zone.test", "alpha")
        .compose(v -> claims.claim("www.zone.test", "beta").transform(WildcardClaimsTest::refused))
        .compose(v -> {
          now.addAndGet(WildcardClaims.GRACE.toMillis() + 1);
          return claims.claim("www.zone.test", "beta");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> refused(AsyncResult<Void> claim) {
    if (claim.succeeded() || !(claim.cause() instanceof ApiFailure failure) || failure.status() != 409) {
      return Future.failedFuture(new AssertionError("expected a 409 refusal, got " + claim));
    }
    return Future.succeededFuture();
  }

  @Test
  void twoLabelHostsAndTheirOwnTenantNeverConflict(VertxTestContext ctx) {
    claims.claim("one.test", "alpha")
        .compose(v -> claims.claim("*.zone.test", "alpha"))
        .compose(v -> claims.claim("www.zone.test", "alpha"))
        .onComplete(ctx.succeedingThenComplete());
  }
}
