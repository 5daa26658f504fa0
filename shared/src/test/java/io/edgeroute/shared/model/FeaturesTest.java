package io.edgeroute.shared.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesTest {

  @Test
  void distinctMapsNeverCollide() {
    List<Map<String, Object>> maps = List.of(
        Map.of(),
        Map.of("a", "true"),
        Map.of("a", true),
        Map.of("a", "1"),
        Map.of("a", 1),
        Map.of("a", "x;b=y"),
        ordered("a", "x", "b", "y"),
        Map.of("a;b", "x"),
        Map.of("a=b", "x"),
        Map.of("a", "x\";b=\"y"),
        Map.of("\"a\"", "x"),
        Map.of("a", "\"x\""),
        Map.of("a", ""),
        Map.of("", "a"),
        Map.of("a", 1.5),
        Map.of("a", "1.5"));
    Set<String> keys = maps.stream().map(Features::canonicalKey).collect(Collectors.toSet());
    assertEquals(maps.size(), keys.size(), () -> maps.stream().map(Features::canonicalKey).toList().toString());
  }

  @Test
  void equalNumbersGiveTheSameKey() {
    String one = Features.canonicalKey(Map.of("q", 1));
    assertEquals(one, Features.canonicalKey(Map.of("q", 1L)));
    assertEquals(one, Features.canonicalKey(Map.of("q", 1.0)));
    assertEquals(one, Features.canonicalKey(Map.of("q", new BigDecimal("1.000"))));
    assertEquals("q=0", Features.canonicalKey(Map.of("q", 0.0)));
    assertEquals("q=0.5", Features.canonicalKey(Map.of("q", 0.5)));
  }

  @Test
  void keyIgnoresInsertionOrder() {
    assertEquals(Features.canonicalKey(ordered("b", 2, "a", 1)), Features.canonicalKey(ordered("a", 1, "b", 2)));
    assertEquals("a=1;b=2", Features.canonicalKey(ordered("b", 2, "a", 1)));
  }

  @Test
  void scalarsAreStringsNumbersAndBooleans() {
    assertTrue(Features.isScalar("x"));
    assertTrue(Features.isScalar(3));
    assertTrue(Features.isScalar(false));
    assertFalse(Features.isScalar(null));
    assertFalse(Features.isScalar(List.of()));
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
