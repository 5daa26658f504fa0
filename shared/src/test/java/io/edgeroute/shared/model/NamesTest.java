package io.edgeroute.shared.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

  @Test
  void tableAndTenantNamesAreLowercaseSlugs() {
    assertTrue(Names.isTable("storefronts"));
    assertTrue(Names.isTenant("jottings"));
    assertTrue(Names.isTable("a"));
    assertTrue(Names.isTable("shop_2-eu"));
    assertTrue(Names.isTable("a".repeat(63)));
    assertFalse(Names.isTable("a".repeat(64)));
    assertFalse(Names.isTable("Storefronts"));
    assertFalse(Names.isTable("-shops"));
    assertFalse(Names.isTable("_shops"));
    assertFalse(Names.isTable("shops:eu"));
    assertFalse(Names.isTenant(""));
    assertFalse(Names.isTenant(null));
  }

  @Test
  void entryIdsAreCaseSensitiveUnreservedCharacters() {
    assertTrue(Names.isEntryId("storefrontA"));
    assertTrue(Names.isEntryId("a.b_c~d-e"));
    assertTrue(Names.isEntryId("x".repeat(128)));
    assertFalse(Names.isEntryId("x".repeat(129)));
    assertFalse(Names.isEntryId(""));
    assertFalse(Names.isEntryId("a/b"));
    assertFalse(Names.isEntryId("a:b"));
    assertFalse(Names.isEntryId("."));
    assertFalse(Names.isEntryId(".."));
  }
}
