package com.lumyvo.examples;

import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.Security;
import java.time.Duration;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's value types, each refusing bad input in words a support person reads
 * (never Java's {@code For input string} or {@code No enum constant}). Picocli puts the option's
 * name in front: {@code Invalid value for option '--imap-port': ...}.
 */
final class Values {
  private Values() {}

  /**
   * A language tag (BCP 47): {@code de}, {@code de-AT}, {@code pt-BR}. A malformed one is refused
   * rather than read as English, so that a typing error is not silently ignored.
   */
  static final class LanguageTag implements ITypeConverter<Locale> {
    @Override
    public Locale convert(String value) {
      try {
        Locale locale = new Locale.Builder().setLanguageTag(value.strip()).build();
        if (locale.getLanguage().isEmpty()) {
          throw new IllformedLocaleException("no language");
        }
        return locale;
      } catch (IllformedLocaleException e) {
        throw new TypeConversionException("'" + value + "' is not a language tag; use one such"
            + " as en, de, de-AT, fr, es or it");
      }
    }
  }

  /** A TCP port, 1 to 65535. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return range(value, 1, 65_535, "a port", "a number from 1 to 65535");
    }
  }

  /** A count of 1 or more: messages, rounds, megabytes. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return range(value, 1, Integer.MAX_VALUE, "a count", "a whole number, 1 or more");
    }
  }

  /** A count that may be 0: warm-up rounds. */
  static final class NonNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return range(value, 0, Integer.MAX_VALUE, "a count", "a whole number, 0 or more");
    }
  }

  /**
   * How a connection is protected, as mail clients' settings name it: {@code ssl_tls} (also
   * {@code ssl/tls}), {@code starttls} or {@code plain}, in any case. {@code tls} alone is refused:
   * some clients mean implicit TLS by it and others STARTTLS, and guessing wrong sends a
   * password to a port that speaks the other.
   */
  static final class SecurityMode implements ITypeConverter<Security> {
    private static final Map<String, Security> NAMES = Map.of("ssl_tls", Security.SSL_TLS,
        "ssl/tls", Security.SSL_TLS, "starttls", Security.STARTTLS, "plain", Security.PLAIN);

    @Override
    public Security convert(String value) {
      Security security = NAMES.get(value.strip().toLowerCase(Locale.ROOT));
      if (security == null) {
        throw new TypeConversionException("'" + value + "' is not a security mode; use ssl_tls"
            + " (TLS from the first byte, ports 993 and 465), starttls (ports 143 and 587) or"
            + " plain (test servers on loopback only)");
      }
      return security;
    }
  }

  /** {@code imap} or {@code smtp}, in any case. */
  static final class ProtocolName implements ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "imap" -> Protocol.IMAP;
        case "smtp" -> Protocol.SMTP;
        default -> throw new TypeConversionException(
            "'" + value + "' is not a protocol this tool knows; use imap or smtp");
      };
    }
  }

  /**
   * A timeout: a whole number of seconds ({@code 10}), or with a unit ({@code 500ms},
   * {@code 10s}, {@code 2m}, {@code 1h}); more than zero and at most an hour, since a longer wait
   * on one step is a hang, not a timeout.
   */
  static final class Timeout implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");
    private static final Duration MAX = Duration.ofHours(1);

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a timeout; give seconds (10)"
            + " or a number with a unit: 500ms, 10s, 2m, 1h");
      }
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration timeout = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
      if (timeout.isZero() || timeout.compareTo(MAX) > 0) {
        throw new TypeConversionException("'" + value + "' is out of range; a timeout is more"
            + " than 0 and at most an hour");
      }
      return timeout;
    }
  }

  private static int range(String value, int min, int max, String what, String expected) {
    String digits = value.strip();
    if (!digits.matches("-?\\d{1,12}")) {
      throw new TypeConversionException("'" + value + "' is not " + what + "; give "
          + expected);
    }
    long number = Long.parseLong(digits);
    if (number < min || number > max) {
      throw new TypeConversionException(value + " is out of range; give " + expected);
    }
    return (int) number;
  }
}
