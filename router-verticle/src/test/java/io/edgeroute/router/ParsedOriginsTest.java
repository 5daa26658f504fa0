package io.edgeroute.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.edgeroute.shared.model.Origin;
import org.junit.jupiter.api.Test;

class ParsedOriginsTest {

  @Test
  void anOriginUrlIsParsedOnceAndAnswersLikeTheParse() {
    Origin origin = Origin.of("https://Shop.Example.COM:8443");
    assertEquals(origin.target(), ParsedOrigins.target(origin));
    assertSame(ParsedOrigins.target(origin), ParsedOrigins.target(Origin.of("https://Shop.Example.COM:8443")));
  }
}
