package io.edgeroute.cache.response;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP-date (RFC 9110 §5.6.7): the IMF-fixdate form is parsed and written. */
final class HttpDates {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME;

  private HttpDates() {
  }

  /** @return epoch milliseconds, or {@code -1} when absent or not a date (e.g. {@code Expires: 0}) */
  static long parse(String value) {
    if (value == null) {
      return -1;
    }
    try {
      return ZonedDateTime.parse(value.trim(), FORMAT).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  static String format(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
  }
}
