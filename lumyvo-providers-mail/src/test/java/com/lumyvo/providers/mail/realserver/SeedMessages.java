package com.lumyvo.providers.mail.realserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Distinct, realistic messages for seeding: From, To, Subject (every fifth RFC 2047 encoded),
 * Date, Message-ID, threads with In-Reply-To and References, a short body. Deterministic for a
 * given batch id and number, so tests can predict them.
 */
final class SeedMessages {
  private static final List<String> NAMES = List.of("Anna Müller", "Bernd Schulz", "Chloé Martin",
      "Dmitri Ivanov", "Eva Nowak", "Fatima Haddad", "Giulia Rossi", "Hiro Tanaka");
  private static final List<String> TOPICS = List.of("Quarterly report", "Lunch on Friday?",
      "Invoice 2024-%d", "Re: project kickoff", "Meeting notes", "Your order #%d has shipped",
      "Holiday plans", "Server maintenance window");
  private static final List<String> ENCODED = List.of("Grüße aus München #%d",
      "Réunion de l'équipe n°%d", "Счёт номер %d", "会議の議事録 %d");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  /** 2024-03-01T08:00:00Z: the first seeded message's date; each next one is a minute later. */
  static final Instant FIRST_DATE = Instant.ofEpochSecond(1_709_280_000L);

  private SeedMessages() {}

  static Instant date(int n) {
    return FIRST_DATE.plusSeconds(60L * n);
  }

  static String messageId(String batch, int n) {
    return "<seed-" + batch + "-" + n + "@lumyvo.test>";
  }

  static String subject(int n) {
    if (n % 5 == 0) {
      return String.format(Locale.ROOT, ENCODED.get(n / 5 % ENCODED.size()), n);
    }
    return String.format(Locale.ROOT, TOPICS.get(n % TOPICS.size()), n) + " (" + n + ")";
  }

  /** Message {@code n} of seed batch {@code batch}, to {@code to}, with LF line ends. */
  static byte[] render(String batch, int n, String to) {
    String name = NAMES.get(n % NAMES.size());
    String local = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".");
    String subject = subject(n);
    StringBuilder m = new StringBuilder(600);
    m.append("Return-Path: <").append(local).append("@example.org>\n")
        .append("From: ").append(encodePhrase(name)).append(" <").append(local)
        .append("@example.org>\n")
        .append("To: ").append(to).append('\n')
        .append("Subject: ").append(subject.chars().allMatch(c -> c < 128) ? subject
            : encodeWord(subject)).append('\n')
        .append("Date: ").append(DATE.format(date(n).atOffset(ZoneOffset.ofHours(1)))).append('\n')
        .append("Message-ID: ").append(messageId(batch, n)).append('\n');
    if (n % 4 == 3 && n > 1) {
      m.append("In-Reply-To: ").append(messageId(batch, n - 1)).append('\n')
          .append("References: ").append(n > 2 ? messageId(batch, n - 2) + " " : "")
          .append(messageId(batch, n - 1)).append('\n');
    }
    m.append("MIME-Version: 1.0\n")
        .append("Content-Type: text/plain; charset=UTF-8\n")
        .append("Content-Transfer-Encoding: 8bit\n")
        .append('\n')
        .append("Hello,\n\nthis is seeded message ").append(n).append(" of batch ").append(batch)
        .append(".\nIt is about: ").append(subject).append("\n\nRegards,\n").append(name)
        .append('\n');
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String encodePhrase(String phrase) {
    return phrase.chars().allMatch(c -> c < 128) ? phrase : encodeWord(phrase);
  }

  /** An RFC 2047 encoded word, B encoding in UTF-8 (short enough for one word here). */
  private static String encodeWord(String text) {
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
