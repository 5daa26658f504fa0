package io.edgeroute.shared.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The {@code cert} change message of SPEC §2. */
class KvChangeCertTest {

  @Test
  void aCertChangeRoundTripsWithTheHostAsKey() {
    JsonObject wire = new JsonObject().put("kind", "cert").put("key", "*.shop.example").put("version", 3);
    KvChange change = KvChange.fromJson(wire);
    assertEquals(KvChange.cert("*.shop.example", 3), change);
    assertEquals(wire, change.toJson());
    assertEquals("edgeroute:cert:*.shop.example", KvKeys.defaults().cert("*.shop.example"));
  }
}
