package io.edgeroute.cache.response;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-date (RFC 9110 §5.6.7): IMF-fixdate is written; all three forms are read, as recipients
 * must: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}). The
 * grammar is followed exactly, except that names are read in any case (as most caches do): a
 * one-digit hour ({@code 2:01:18}) or a day name that does not fit the form is not a date, so an
 * {@code Expires} holding it means "already expired" (RFC 9111 §5.3).
 */
final class HttpDates {

  /** IMF-fixdate; RFC_1123_DATE_TIME would write a one-digit day, which is not one. */
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
      Locale.US);

  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec");
  private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
  private static final String TIME = "([0-9]{2}):([0-9]{2}):([0-9]{2})";

  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) " + MONTH + " ([0-9]{4}) " + TIME + " GMT", Pattern.CASE_INSENSITIVE);
  private static final Pattern RFC_850 = Pattern.compile(
      "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ([0-9]{2})-" + MONTH + "-([0-9]{2}) " + TIME
          + " GMT", Pattern.CASE_INSENSITIVE);
  private static final Pattern ASCTIME = Pattern.compile(
      "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTH + " ([0-9 ][0-9]) " + TIME + " ([0-9]{4})", Pattern.CASE_INSENSITIVE);

  private HttpDates() {
  }

  /** @return epoch milliseconds, or {@code -1} when absent or not a date (e.g. {@code Expires: 0}) */
  static long parse(String value) {
    return parse(value, System.currentTimeMillis());
  }

  /**
   * @param now the clock a two-digit RFC 850 year is read against (RFC 9110 §5.6.7: a year more
   *            than 50 years in the future is the most recent past one with those digits)
   */
  static long parse(String value, long now) {
    if (value == null) {
      return -1;
    }
    String v = value.trim();
    try {
      Matcher m = IMF_FIXDATE.matcher(v);
      if (m.matches()) {
        return at(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m, 4);
      }
      m = RFC_850.matcher(v);
      if (m.matches()) {
        int thisYear = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).getYear();
        int year = thisYear / 100 * 100 + Integer.parseInt(m.group(3));
        if (year > thisYear + 50) {
          year -= 100;
        }
        return at(year, m.group(2), m.group(1), m, 4);
      }
      m = ASCTIME.matcher(v);
      if (m.matches()) {
        return at(Integer.parseInt(m.group(6)), m.group(1), m.group(2).trim(), m, 3);
      }
    } catch (DateTimeException e) {
      // 31 Feb, 25:00:00...: matches the grammar, is no date.
    }
    return -1;
  }

  private static long at(int year, String month, String day, Matcher m, int timeGroup) {
    return LocalDateTime.of(year, monthNumber(month), Integer.parseInt(day),
        Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
        Integer.parseInt(m.group(timeGroup + 2))).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static int monthNumber(String month) {
    for (int i = 0; i < MONTHS.size(); i++) {
      if (MONTHS.get(i).equalsIgnoreCase(month)) {
        return i + 1;
      }
    }
    throw new DateTimeException("no month " + month);
  }

  static String format(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
  }
}
