package io.edgeroute.router.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The character classes the gate checks request lines and fields with (RFC 9110 §5.5, §5.6). */
class TokensTest {

  @Test
  void aRequestTargetIsVisibleAsciiOnly() {
    assertTrue(Tokens.isVisibleAscii("/a/b?c=d&e=%20"));
    assertFalse(Tokens.isVisibleAscii(""));
    assertFalse(Tokens.isVisibleAscii("/a b"));
    assertFalse(Tokens.isVisibleAscii("/a\tb"));
    assertFalse(Tokens.isVisibleAscii("/a\u007fb"));
    assertFalse(Tokens.isVisibleAscii("/caf\u00e9"));
    assertFalse(Tokens.isVisibleAscii("/a\r\nb"));
  }

  @Test
  void aMethodIsUpperCaseLettersUnderscoreAndDash() {
    assertTrue(Tokens.isUpperMethod("GET"));
    assertTrue(Tokens.isUpperMethod("VERSION-CONTROL"));
    assertTrue(Tokens.isUpperMethod("M_SEARCH"));
    assertFalse(Tokens.isUpperMethod("get"));
    assertFalse(Tokens.isUpperMethod("GE T"));
    assertFalse(Tokens.isUpperMethod("GET1"));
  }

  @Test
  void aContentLengthIsDigitsOnly() {
    assertTrue(Tokens.isDigits("0"));
    assertTrue(Tokens.isDigits("0012"));
    assertFalse(Tokens.isDigits(""));
    assertFalse(Tokens.isDigits("+5"));
    assertFalse(Tokens.isDigits("-1"));
    assertFalse(Tokens.isDigits("1 "));
    assertFalse(Tokens.isDigits("0x10"));
    assertFalse(Tokens.isDigits("\u0661"));
  }
}
