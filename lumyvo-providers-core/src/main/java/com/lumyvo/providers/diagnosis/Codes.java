package com.lumyvo.providers.diagnosis;

import static com.lumyvo.providers.diagnosis.FailureKind.ACCESS_DISABLED;
import static com.lumyvo.providers.diagnosis.FailureKind.APP_PASSWORD_REQUIRED;
import static com.lumyvo.providers.diagnosis.FailureKind.AUTH_MECHANISM_UNSUPPORTED;
import static com.lumyvo.providers.diagnosis.FailureKind.INVALID_CREDENTIALS;
import static com.lumyvo.providers.diagnosis.FailureKind.MAILBOX_NOT_FOUND;
import static com.lumyvo.providers.diagnosis.FailureKind.MESSAGE_REJECTED;
import static com.lumyvo.providers.diagnosis.FailureKind.PROTOCOL_ERROR;
import static com.lumyvo.providers.diagnosis.FailureKind.QUOTA_EXCEEDED;
import static com.lumyvo.providers.diagnosis.FailureKind.RATE_LIMITED;
import static com.lumyvo.providers.diagnosis.FailureKind.SERVER_UNAVAILABLE;
import static com.lumyvo.providers.diagnosis.FailureKind.TIMEOUT;
import static com.lumyvo.providers.diagnosis.FailureKind.TLS_FAILURE;
import static com.lumyvo.providers.diagnosis.FailureKind.UNKNOWN;
import static com.lumyvo.providers.diagnosis.FailureKind.WEB_LOGIN_REQUIRED;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply codes: IMAP response codes (RFC 3501, RFC 5530), SMTP enhanced status codes (RFC 3463,
 * RFC 4954) and SMTP basic reply codes (RFC 5321 section 4.2).
 */
final class Codes {
  private static final Pattern IMAP_CODE = Pattern.compile("\\[([A-Z][A-Z-]*)[ \\]]");
  /** A basic code where a reply starts: at a line start, or after a client's "...: " prefix. */
  private static final Pattern SMTP_BASIC = Pattern.compile("(?m)(?:^|: )([2-5][0-9][0-9])(?:[ -]|$)");
  private static final Pattern SMTP_ENHANCED =
      Pattern.compile("(?<![0-9.])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9.])");
  private static final Pattern IMAP_STATUS =
      Pattern.compile("(?m)^(?:\\S+ )?(NO|BAD|BYE)\\b");

  /** RFC 5530 and RFC 3501 codes that say what went wrong; ALERT and others leave it to text. */
  private static final Map<String, Finding> IMAP = Map.ofEntries(
      Map.entry("AUTHENTICATIONFAILED",
          Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED)),
      // Authenticated, but not allowed in: for an ordinary login, access refused to the account.
      Map.entry("AUTHORIZATIONFAILED", Finding.of(ACCESS_DISABLED, INVALID_CREDENTIALS)),
      Map.entry("EXPIRED", Finding.of(INVALID_CREDENTIALS, WEB_LOGIN_REQUIRED)),
      Map.entry("PRIVACYREQUIRED", Finding.of(AUTH_MECHANISM_UNSUPPORTED, TLS_FAILURE)),
      Map.entry("CONTACTADMIN", Finding.of(ACCESS_DISABLED, UNKNOWN)),
      Map.entry("UNAVAILABLE", Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED)),
      Map.entry("INUSE", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("CORRUPTION", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("SERVERBUG", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("CLIENTBUG", Finding.of(PROTOCOL_ERROR)),
      Map.entry("CANNOT", Finding.of(PROTOCOL_ERROR)),
      Map.entry("BADCHARSET", Finding.of(PROTOCOL_ERROR)),
      Map.entry("PARSE", Finding.of(PROTOCOL_ERROR)),
      Map.entry("OVERQUOTA", Finding.of(QUOTA_EXCEEDED)),
      Map.entry("NONEXISTENT", Finding.of(MAILBOX_NOT_FOUND)),
      Map.entry("TRYCREATE", Finding.of(MAILBOX_NOT_FOUND)),
      Map.entry("TOOBIG", Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED)));

  private Codes() {}

  /** The finding of the first IMAP response code that means something, or null. */
  static Finding imap(String text) {
    Matcher m = IMAP_CODE.matcher(text);
    while (m.find()) {
      Finding finding = IMAP.get(m.group(1));
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }

  /** The IMAP status of the first NO, BAD or BYE line: PROTOCOL_ERROR for BAD, else null. */
  static Finding imapStatus(String text) {
    Matcher m = IMAP_STATUS.matcher(text);
    if (m.find()) {
      switch (m.group(1)) {
        case "BAD":
          return Finding.of(PROTOCOL_ERROR);
        case "BYE":
          return Finding.of(SERVER_UNAVAILABLE);
        default:
          return null;
      }
    }
    return null;
  }

  /**
   * The SMTP basic reply code the failure is about, or 0: the first failure code (4xx, 5xx) if
   * there is one, else the first code. A log that shows {@code 250} before {@code 550} failed at
   * the {@code 550}.
   */
  static int smtpBasic(String text) {
    Matcher m = SMTP_BASIC.matcher(text);
    int first = 0;
    while (m.find()) {
      int code = Integer.parseInt(m.group(1));
      if (code >= 400) {
        return code;
      }
      if (first == 0) {
        first = code;
      }
    }
    return first;
  }

  /** The finding of the first RFC 3463 enhanced status code that decides a kind, or null. */
  static Finding smtpEnhanced(String text) {
    Matcher m = SMTP_ENHANCED.matcher(text);
    while (m.find()) {
      Finding finding = enhanced(m.group(1).charAt(0), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }

  private static Finding enhanced(char klass, int subject, int detail) {
    switch (subject) {
      case 1: // addressing
        return detail == 1 || detail == 2 || detail == 10 ? Finding.of(MAILBOX_NOT_FOUND) : null;
      case 2: // mailbox
        if (detail == 2) {
          return Finding.of(QUOTA_EXCEEDED);
        }
        return detail == 3 ? Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED) : null;
      case 3: // mail system
        return klass == '4' ? Finding.of(SERVER_UNAVAILABLE) : null;
      case 4: // network and routing
        if (detail == 5) {
          return Finding.of(RATE_LIMITED, QUOTA_EXCEEDED);
        }
        return detail == 1 || detail == 2 ? Finding.of(TIMEOUT, SERVER_UNAVAILABLE) : null;
      case 5: // protocol
        return Finding.of(PROTOCOL_ERROR);
      case 7: // security or policy
        return security(klass, detail);
      default:
        return null;
    }
  }

  private static Finding security(char klass, int detail) {
    switch (detail) {
      case 1:
        return klass == '4'
            ? Finding.of(SERVER_UNAVAILABLE, MESSAGE_REJECTED)
            : Finding.of(MESSAGE_REJECTED);
      case 3:
      case 8:
      case 139: // Microsoft 365; its text says whether basic auth or SMTP AUTH is off
        return Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED);
      case 9:
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED, APP_PASSWORD_REQUIRED);
      case 11:
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED, TLS_FAILURE);
      case 12:
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED, INVALID_CREDENTIALS);
      case 14: // Gmail's "continue sign-in" link
        return Finding.of(WEB_LOGIN_REQUIRED, APP_PASSWORD_REQUIRED);
      default:
        return null;
    }
  }

  /** What a basic SMTP reply code alone says, or null for success codes. */
  static Finding smtpBasic(int code) {
    if (code / 100 == 3) {
      // 334 or 354 where the failure happened: the server still asks for more after the client
      // has said everything (an endless AUTH dialogue). The server breaks the protocol; nothing
      // says the credentials were wrong.
      return Finding.of(PROTOCOL_ERROR);
    }
    switch (code) {
      case 421:
      case 450:
      case 451:
      case 454:
        return Finding.of(SERVER_UNAVAILABLE);
      case 452:
        return Finding.of(QUOTA_EXCEEDED, SERVER_UNAVAILABLE);
      case 432:
      case 534:
      case 538:
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED);
      case 500:
      case 501:
      case 502:
      case 503:
      case 504:
      case 530:
        return Finding.of(PROTOCOL_ERROR);
      case 535:
        return Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED);
      case 550:
      case 551:
        return Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED);
      case 552:
        return Finding.of(QUOTA_EXCEEDED, MESSAGE_REJECTED);
      case 553:
      case 554:
      case 571:
        return Finding.of(MESSAGE_REJECTED);
      default:
        if (code >= 400 && code < 500) {
          return Finding.of(SERVER_UNAVAILABLE);
        }
        return code >= 500 ? Finding.of(UNKNOWN) : null;
    }
  }
}
