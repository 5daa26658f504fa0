package io.edgeroute.admin;

import io.edgeroute.shared.kv.KvKeys;
import io.edgeroute.shared.kv.KvStore;
import io.edgeroute.shared.model.TokenRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Tenant tokens. The secret is returned once and stored only as its SHA-256, the key
 * {@code token:<hex>} (SPEC §2).
 *
 * <p>To revoke by public id, each tenant has a set {@code <prefix>tenant-tokens:<tenant>} whose
 * members are {@code <id>:<hex>}. Holding the hash there adds nothing an attacker could use: it is
 * the same hash that already names the token key. The set is written before the token key when
 * minting and cleared after it when revoking, so a failure between the two leaves at most a member
 * without a token, never a live token that cannot be revoked. Each step is a single-key command.
 */
final class TokenService {

  private final KvStore store;
  private final KvKeys keys;

  TokenService(KvStore store, KvKeys keys) {
    this.store = store;
    this.keys = keys;
  }

  /** The per-tenant index of token ids; not in the SPEC §2 table, an addition of the admin API. */
  String tenantTokens(String tenant) {
    return keys.prefix() + "tenant-tokens:" + tenant;
  }

  /** @return a future completed with {@code {"id", "token"}}: the only time the secret is shown */
  Future<JsonObject> mint(String tenant) {
    String id = Secrets.id();
    String secret = Secrets.tokenSecret();
    String hash = Secrets.sha256Hex(secret);
    TokenRecord record = TokenRecord.create(tenant, id, Instant.now());
    return store.addToSet(tenantTokens(tenant), id + ":" + hash)
        .compose(v -> store.put(keys.token(hash), record.toJson().encode(), KvStore.ABSENT))
        .map(v -> new JsonObject().put("id", id).put("token", secret).put("tenant", tenant).put("created", record.created()));
  }

  /** @return a future completed with whether a token with that id was found and revoked */
  Future<Boolean> revoke(String tenant, String id) {
    return store.members(tenantTokens(tenant)).compose(members -> {
      List<String> matching = members.stream().filter(m -> m.startsWith(id + ":")).toList();
      return matching.isEmpty()
          ? Future.succeededFuture(false)
          : Future.all(matching.stream().map(m -> revokeMember(tenant, m)).toList()).map(true);
    });
  }

  /** Revokes every token of {@code tenant}. */
  Future<Void> revokeAll(String tenant) {
    return store.members(tenantTokens(tenant))
        .compose(members -> Future.all(members.stream().map(m -> revokeMember(tenant, m)).toList()))
        .mapEmpty();
  }

  private Future<Void> revokeMember(String tenant, String member) {
    String hash = member.substring(member.indexOf(':') + 1);
    return store.delete(keys.token(hash), KvStore.ANY_VERSION)
        .compose(deleted -> store.removeFromSet(tenantTokens(tenant), member));
  }
}
