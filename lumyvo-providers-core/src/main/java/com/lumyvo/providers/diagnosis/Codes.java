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
  /** A registered code that only informs: it decides nothing, the text does. */
  private static final Finding INFORMS = Finding.of(UNKNOWN);
  private static final Pattern IMAP_STATUS =
      Pattern.compile("(?m)^(?:\\S+ )?(NO|BAD|BYE)\\b");

  /**
   * Every response code of the IANA "IMAP Response Codes" registry, with what it says about a
   * failure. Codes that only inform (a UID, a capability list, a mode) map to {@link #INFORMS}:
   * they decide nothing and leave it to the text. The registry's source of each is named.
   */
  private static final Map<String, Finding> IMAP = Map.ofEntries(
      // RFC 3501 section 7.1
      Map.entry("ALERT", INFORMS),
      Map.entry("BADCHARSET", Finding.of(PROTOCOL_ERROR)),
      Map.entry("CAPABILITY", INFORMS),
      Map.entry("PARSE", Finding.of(PROTOCOL_ERROR)),
      Map.entry("PERMANENTFLAGS", INFORMS),
      Map.entry("READ-ONLY", INFORMS),
      Map.entry("READ-WRITE", INFORMS),
      Map.entry("TRYCREATE", Finding.of(MAILBOX_NOT_FOUND)),
      Map.entry("UIDNEXT", INFORMS),
      Map.entry("UIDVALIDITY", INFORMS),
      Map.entry("UNSEEN", INFORMS),
      // RFC 2060, obsolete: the mailbox was renamed, the old name is gone
      Map.entry("NEWNAME", Finding.of(MAILBOX_NOT_FOUND)),
      // RFC 2221 (login referrals), RFC 2193 (mailbox referrals)
      Map.entry("REFERRAL", INFORMS),
      // RFC 3516 (BINARY)
      Map.entry("UNKNOWN-CTE", Finding.of(PROTOCOL_ERROR)),
      // RFC 4315 (UIDPLUS)
      Map.entry("UIDNOTSTICKY", INFORMS),
      Map.entry("APPENDUID", INFORMS),
      Map.entry("COPYUID", INFORMS),
      // RFC 4467 (URLAUTH), RFC 4469 (CATENATE)
      Map.entry("URLMECH", INFORMS),
      Map.entry("BADURL", Finding.of(PROTOCOL_ERROR)),
      Map.entry("TOOBIG", Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED)),
      // RFC 4551 / RFC 7162 (CONDSTORE, QRESYNC)
      Map.entry("HIGHESTMODSEQ", INFORMS),
      Map.entry("NOMODSEQ", INFORMS),
      Map.entry("MODIFIED", INFORMS),
      Map.entry("CLOSED", INFORMS),
      // RFC 4978 (COMPRESS)
      Map.entry("COMPRESSIONACTIVE", Finding.of(PROTOCOL_ERROR)),
      // RFC 5182 (SEARCHRES)
      Map.entry("NOTSAVED", Finding.of(PROTOCOL_ERROR)),
      // RFC 5255 (I18NLEVEL comparators)
      Map.entry("BADCOMPARATOR", Finding.of(PROTOCOL_ERROR)),
      // RFC 5257 (ANNOTATE): ANNOTATE TOOBIG / TOOMANY, a storage limit
      Map.entry("ANNOTATE", Finding.of(QUOTA_EXCEEDED, PROTOCOL_ERROR)),
      Map.entry("ANNOTATIONS", INFORMS),
      // RFC 5259 (CONVERT)
      Map.entry("TEMPFAIL", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("MAXCONVERTMESSAGES", Finding.of(UNKNOWN, RATE_LIMITED, QUOTA_EXCEEDED)),
      Map.entry("MAXCONVERTPARTS", Finding.of(UNKNOWN, RATE_LIMITED, QUOTA_EXCEEDED)),
      // RFC 5267 (CONTEXT)
      Map.entry("NOUPDATE", Finding.of(UNKNOWN, RATE_LIMITED)),
      // RFC 5464 (METADATA): LONGENTRIES, MAXSIZE, TOOMANY, NOPRIVATE
      Map.entry("METADATA", Finding.of(QUOTA_EXCEEDED, PROTOCOL_ERROR)),
      // RFC 5465 (NOTIFY)
      Map.entry("NOTIFICATIONOVERFLOW", INFORMS),
      Map.entry("BADEVENT", Finding.of(PROTOCOL_ERROR)),
      // RFC 5466 (FILTERS)
      Map.entry("UNDEFINED-FILTER", Finding.of(PROTOCOL_ERROR)),
      // RFC 5530
      Map.entry("UNAVAILABLE", Finding.of(SERVER_UNAVAILABLE, RATE_LIMITED)),
      Map.entry("AUTHENTICATIONFAILED",
          Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED)),
      // Authenticated, but not allowed in: for an ordinary login, access refused to the account.
      Map.entry("AUTHORIZATIONFAILED", Finding.of(ACCESS_DISABLED, INVALID_CREDENTIALS)),
      Map.entry("EXPIRED", Finding.of(INVALID_CREDENTIALS, WEB_LOGIN_REQUIRED)),
      // Encryption demanded: the security setting is the fix (FailureKind#TLS_FAILURE).
      Map.entry("PRIVACYREQUIRED", Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED)),
      Map.entry("CONTACTADMIN", Finding.of(ACCESS_DISABLED, UNKNOWN)),
      // An ACL refuses the operation: a folder the account may not see, or access withheld.
      Map.entry("NOPERM", Finding.of(UNKNOWN, MAILBOX_NOT_FOUND, ACCESS_DISABLED)),
      Map.entry("INUSE", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("EXPUNGEISSUED", INFORMS),
      Map.entry("CORRUPTION", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("SERVERBUG", Finding.of(SERVER_UNAVAILABLE)),
      Map.entry("CLIENTBUG", Finding.of(PROTOCOL_ERROR)),
      Map.entry("CANNOT", Finding.of(PROTOCOL_ERROR)),
      // An implementation limit: too many flags, folders, or messages at once.
      Map.entry("LIMIT", Finding.of(UNKNOWN, QUOTA_EXCEEDED, RATE_LIMITED)),
      Map.entry("OVERQUOTA", Finding.of(QUOTA_EXCEEDED)),
      Map.entry("ALREADYEXISTS", Finding.of(UNKNOWN, PROTOCOL_ERROR)),
      Map.entry("NONEXISTENT", Finding.of(MAILBOX_NOT_FOUND)),
      // RFC 6154 (SPECIAL-USE)
      Map.entry("USEATTR", Finding.of(PROTOCOL_ERROR)),
      // RFC 8474 (OBJECTID)
      Map.entry("MAILBOXID", INFORMS),
      // RFC 9051 (IMAP4rev2)
      Map.entry("HASCHILDREN", Finding.of(PROTOCOL_ERROR)),
      // RFC 9585 (progress of long commands)
      Map.entry("INPROGRESS", INFORMS),
      // RFC 9586 (UIDONLY): a command used message numbers where only UIDs are allowed
      Map.entry("UIDREQUIRED", Finding.of(PROTOCOL_ERROR)));

  private Codes() {}

  /**
   * Codes that point somewhere rather than naming a cause: [CONTACTADMIN] tells whom to ask
   * (RFC 5530), so wording that names the cause ("Database failure") is read first.
   */
  private static final java.util.Set<String> IMAP_POINTERS = java.util.Set.of("CONTACTADMIN");

  /** The finding of the first IMAP response code that names a cause, or null. */
  static Finding imap(String text) {
    return imap(text, false);
  }

  /** The finding of the first IMAP response code that only points somewhere, or null. */
  static Finding imapPointer(String text) {
    return imap(text, true);
  }

  private static Finding imap(String text, boolean pointers) {
    Matcher m = IMAP_CODE.matcher(text);
    while (m.find()) {
      Finding finding = IMAP.get(m.group(1));
      if (finding != null && finding != INFORMS
          && IMAP_POINTERS.contains(m.group(1)) == pointers) {
        return finding;
      }
    }
    return null;
  }

  /** Whether {@code code} is in the IMAP response code registry, for tests. */
  static boolean knowsImapCode(String code) {
    return IMAP.containsKey(code);
  }

  /** The IMAP status of the first NO, BAD or BYE line: PROTOCOL_ERROR for BAD, else null. */
  /** Whether the text holds an IMAP status response (NO, BAD or BYE): the server answered. */
  static boolean hasImapStatus(String text) {
    return IMAP_STATUS.matcher(text).find();
  }

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

  /**
   * The finding of the first enhanced status code (RFC 3463) whose registered detail decides a
   * kind, or null. Undefined details ({@code X.Y.0}) and details no registry lists decide
   * nothing here; {@link #smtpSubject} gives their subject's meaning, read after the wording.
   * Where the basic code answers AUTH (432, 454, 530, 534, 535, 538), only the authentication
   * details of subject 7 decide: Microsoft answers a failed login {@code 535 5.7.3}, which the
   * registry calls a failed security conversion.
   */
  static Finding smtpEnhanced(String text, int basic) {
    Matcher m = SMTP_ENHANCED.matcher(text);
    while (m.find()) {
      char klass = m.group(1).charAt(0);
      int subject = Integer.parseInt(m.group(2));
      int detail = Integer.parseInt(m.group(3));
      if (klass == '2' || (isAuthReply(basic) && subject == 7 && !isAuthDetail(detail))) {
        // At an AUTH reply only the login details of subject 7 decide; an enhanced code of
        // another subject (Exchange's "432 4.3.2 ... thread limit exceeded") still says
        // what it says.
        continue;
      }
      Finding finding = enhanced(klass, subject, detail);
      if (finding != null) {
        return finding;
      }
    }
    return null;
  }

  /** What the subject of the first failure's enhanced code says when its detail did not. */
  static Finding smtpSubject(String text, int basic) {
    Matcher m = SMTP_ENHANCED.matcher(text);
    while (m.find()) {
      char klass = m.group(1).charAt(0);
      if (klass == '2') {
        continue;
      }
      if (isAuthReply(basic) && "7".equals(m.group(2))) {
        return null; // the basic code says more
      }
      boolean transient4 = klass == '4';
      switch (Integer.parseInt(m.group(2))) {
        case 0: // other or undefined
          return null;
        case 1: // addressing
          return transient4 ? Finding.of(SERVER_UNAVAILABLE, MAILBOX_NOT_FOUND)
              : Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED);
        case 2: // mailbox
          return transient4 ? Finding.of(SERVER_UNAVAILABLE, QUOTA_EXCEEDED)
              : Finding.of(MAILBOX_NOT_FOUND, QUOTA_EXCEEDED);
        case 3: // mail system
        case 4: // network and routing
          return transient4 ? Finding.of(SERVER_UNAVAILABLE)
              : Finding.of(MESSAGE_REJECTED, SERVER_UNAVAILABLE);
        case 5: // mail delivery protocol
          return Finding.of(PROTOCOL_ERROR);
        case 6: // message content or media
          return Finding.of(MESSAGE_REJECTED);
        case 7: // security or policy
          return transient4 ? Finding.of(SERVER_UNAVAILABLE, MESSAGE_REJECTED, RATE_LIMITED)
              : Finding.of(MESSAGE_REJECTED, ACCESS_DISABLED);
        default:
          return null;
      }
    }
    return null;
  }

  /**
   * Details that say no more than their subject, so that wording naming a cause is read before
   * them: X.3.2 (system not accepting network messages: shutting down, an idle session closed,
   * a limit reached), X.7.1 (delivery not authorized: any policy, DMARC, a sender refused, an
   * account barred) and the mail-delivery-protocol details X.5.1, X.5.2, X.5.4 (servers use
   * them for any refused command, Stalwart's "501 5.5.4 You are not allowed to send from this
   * address" among them). Their subject's meaning still applies when no wording decides.
   */
  private static boolean isGenericDetail(int subject, int detail) {
    return (subject == 3 && detail == 2) || (subject == 7 && detail == 1)
        || (subject == 5 && (detail == 1 || detail == 2 || detail == 4));
  }

  private static boolean isAuthReply(int basic) {
    return basic == 432 || basic == 454 || basic == 530 || basic == 534 || basic == 535
        || basic == 538;
  }

  /** X.7.8, X.7.9, X.7.11, X.7.12, X.7.13, X.7.14: details about logging in. */
  private static boolean isAuthDetail(int detail) {
    return detail == 8 || detail == 9 || (detail >= 11 && detail <= 14);
  }

  /**
   * Every registered detail of the IANA "SMTP Enhanced Status Codes" registry (RFC 3463 and its
   * updates: RFC 3886, 4468, 4954, 5248, 6531, 6710, 7293, 7372, 7505, 8617, 8689).
   * Null for X.Y.0 (undefined) and for details that report success or say nothing decisive.
   */
  private static Finding enhanced(char klass, int subject, int detail) {
    boolean transient4 = klass == '4';
    if (isGenericDetail(subject, detail)) {
      return null;
    }
    switch (subject) {
      case 1: // addressing status
        switch (detail) {
          case 1: // bad destination mailbox address
          case 2: // bad destination system address
          case 3: // bad destination mailbox address syntax
          case 4: // destination mailbox address ambiguous
          case 6: // destination mailbox has moved, no forwarding address
          case 10: // recipient address has null MX (RFC 7505)
            // The address is the trouble even when the server defers ("450 4.1.2 Domain not
            // found"): retrying rarely mends it, so the server's trouble is the alternative.
            return transient4 ? Finding.of(MAILBOX_NOT_FOUND, SERVER_UNAVAILABLE)
                : Finding.of(MAILBOX_NOT_FOUND);
          case 7: // bad sender's mailbox address syntax
          case 8: // bad sender's system address
            return Finding.of(MESSAGE_REJECTED);
          default: // 5 destination address valid, 9 relayed to non-compliant mailer
            return null;
        }
      case 2: // mailbox status
        switch (detail) {
          case 1: // mailbox disabled, not accepting messages
            return transient4 ? Finding.of(SERVER_UNAVAILABLE, MAILBOX_NOT_FOUND)
                : Finding.of(MAILBOX_NOT_FOUND, QUOTA_EXCEEDED);
          case 2: // mailbox full
            return Finding.of(QUOTA_EXCEEDED);
          case 3: // message length exceeds administrative limit
            return Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED);
          case 4: // mailing list expansion problem
            return Finding.of(MESSAGE_REJECTED);
          default:
            return null;
        }
      case 3: // mail system status
        switch (detail) {
          case 1: // mail system full: the server's own storage, not the mailbox's
            return Finding.of(SERVER_UNAVAILABLE, QUOTA_EXCEEDED);
          case 2: // system not accepting network messages
          case 5: // system incorrectly configured
            return Finding.of(SERVER_UNAVAILABLE);
          case 3: // system not capable of selected features
            return Finding.of(PROTOCOL_ERROR, MESSAGE_REJECTED);
          case 4: // message too big for system
            return Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED);
          default: // 6 requested priority was changed (RFC 6710)
            return transient4 ? Finding.of(SERVER_UNAVAILABLE) : null;
        }
      case 4: // network and routing status
        switch (detail) {
          case 1: // no answer from host
          case 2: // bad connection
            return Finding.of(TIMEOUT, SERVER_UNAVAILABLE);
          case 3: // directory server failure: the address could not be looked up
            return Finding.of(SERVER_UNAVAILABLE, MAILBOX_NOT_FOUND);
          case 4: // unable to route: for good, the recipient's domain takes no mail
            return transient4 ? Finding.of(SERVER_UNAVAILABLE, MESSAGE_REJECTED)
                : Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED);
          case 6: // routing loop detected: it loops until somebody changes a setting
            return Finding.of(MESSAGE_REJECTED, SERVER_UNAVAILABLE);
          case 5: // mail system congestion
            return Finding.of(RATE_LIMITED, QUOTA_EXCEEDED);
          case 7: // delivery time expired
            return Finding.of(MESSAGE_REJECTED, SERVER_UNAVAILABLE, TIMEOUT);
          default:
            return null;
        }
      case 5: // mail delivery protocol status
        // 3 too many recipients is a count limit: the rest go in a later transaction (RFC 5321
        // section 4.5.3.1.10); every other detail (1 invalid command, 2 syntax error, 4 invalid
        // arguments, 5 wrong protocol version, 6 AUTH line too long) is the two sides not
        // understanding each other.
        return detail == 3 ? Finding.of(RATE_LIMITED, MESSAGE_REJECTED)
            : detail == 0 ? null : Finding.of(PROTOCOL_ERROR);
      case 6: // message content or media status
        // 1 media not supported, 2-3 conversion prohibited or unsupported, 4 conversion with
        // loss, 5 conversion failed, 6 content not available (RFC 4468), 7-10 UTF-8 addresses
        // or headers not permitted (RFC 6531)
        // Content the server cannot take may also be a client that did not declare what it
        // sends (SMTPUTF8, 8BITMIME): the protocol stays possible.
        return detail == 0 || detail == 4 ? null
            : detail == 6 ? Finding.of(PROTOCOL_ERROR, MESSAGE_REJECTED)
            : Finding.of(MESSAGE_REJECTED, PROTOCOL_ERROR);
      case 7: // security or policy status
        return security(klass, detail);
      default:
        return null;
    }
  }

  private static Finding security(char klass, int detail) {
    boolean transient4 = klass == '4';
    switch (detail) {
      case 1: // delivery not authorized, message refused
        return transient4 ? Finding.of(SERVER_UNAVAILABLE, MESSAGE_REJECTED)
            : Finding.of(MESSAGE_REJECTED);
      case 2: // mailing list expansion prohibited
      case 5: // cryptographic failure
      case 6: // cryptographic algorithm not supported
      case 7: // message integrity failure
      case 15: // priority level is too low (RFC 6710)
      case 19: // RRVS test cannot be completed (RFC 7293)
      case 24: // SPF validation error (a DNS error, not a failed check)
      case 25: // reverse DNS validation failed
        return transient4 ? Finding.of(SERVER_UNAVAILABLE, MESSAGE_REJECTED)
            : Finding.of(MESSAGE_REJECTED);
      case 20: // no passing DKIM signature found (RFC 7372)
      case 21: // no acceptable DKIM signature found
      case 22: // no valid author-matched DKIM signature found
      case 23: // SPF validation failed
      case 26: // multiple authentication checks failed
      case 27: // sender address has null MX (RFC 7505)
      case 29: // ARC validation failure (RFC 8617)
        // A check the message failed: it fails again until the sender's DNS or signing
        // changes, whether the server defers (4.7.x) or refuses (5.7.x).
        return transient4 ? Finding.of(MESSAGE_REJECTED, SERVER_UNAVAILABLE)
            : Finding.of(MESSAGE_REJECTED);
      case 3: // security conversion required but not possible
      case 4: // security features not supported
        return Finding.of(MESSAGE_REJECTED, AUTH_MECHANISM_UNSUPPORTED);
      case 8: // authentication credentials invalid (RFC 4954)
        return Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED);
      case 9: // authentication mechanism is too weak
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED, APP_PASSWORD_REQUIRED);
      case 10: // encryption needed (RFC 5248)
        return Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED);
      case 11: // encryption required for requested authentication mechanism
        return Finding.of(TLS_FAILURE, AUTH_MECHANISM_UNSUPPORTED);
      case 12: // a password transition is needed
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED, INVALID_CREDENTIALS);
      case 13: // user account disabled (RFC 5248)
        return Finding.of(ACCESS_DISABLED, WEB_LOGIN_REQUIRED);
      case 14: // trust relationship required (RFC 5248); Gmail sends its "continue sign-in"
        // link with it, where a browser sign-in establishes that trust
        return Finding.of(WEB_LOGIN_REQUIRED, APP_PASSWORD_REQUIRED);
      case 16: // message too big for the specified priority (RFC 6710)
        return Finding.of(MESSAGE_REJECTED, QUOTA_EXCEEDED);
      case 17: // mailbox owner has changed (RFC 7293)
      case 18: // domain owner has changed
        return Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED);
      case 28: // mail flood detected
        return Finding.of(RATE_LIMITED, MESSAGE_REJECTED);
      case 30: // REQUIRETLS support required (RFC 8689)
        return Finding.of(TLS_FAILURE, MESSAGE_REJECTED);
      default: // 0 other or undefined; unregistered details go to the subject's meaning
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
        // "insufficient system storage" (RFC 5321): the server's storage, not the mailbox's
        // (LABELLING.md); words about a full mailbox are read before this.
        return Finding.of(SERVER_UNAVAILABLE, QUOTA_EXCEEDED);
      case 432:
      case 534:
      case 538:
        return Finding.of(AUTH_MECHANISM_UNSUPPORTED);
      case 501: // syntax error in parameters: often an address the server will not take
        return Finding.of(PROTOCOL_ERROR, MESSAGE_REJECTED);
      case 500: // command unrecognized: often a line or bytes the server will not take
        return Finding.of(PROTOCOL_ERROR, MESSAGE_REJECTED);
      case 502:
      case 503:
      case 504:
      case 530:
        return Finding.of(PROTOCOL_ERROR);
      case 535:
        return Finding.of(INVALID_CREDENTIALS, APP_PASSWORD_REQUIRED, ACCESS_DISABLED);
      case 550:
        // "mailbox unavailable", which RFC 5321 says covers "no access" and "rejected for
        // policy reasons" too; servers mostly use it for policy when they name no mailbox.
        return Finding.of(MESSAGE_REJECTED, MAILBOX_NOT_FOUND);
      case 551:
        return Finding.of(MAILBOX_NOT_FOUND, MESSAGE_REJECTED);
      case 552:
        return Finding.of(QUOTA_EXCEEDED, MESSAGE_REJECTED);
      case 455: // server unable to accommodate parameters (RFC 5321)
        return Finding.of(SERVER_UNAVAILABLE, PROTOCOL_ERROR);
      case 553: // mailbox name not allowed, e.g. its syntax (RFC 5321)
        return Finding.of(MESSAGE_REJECTED, MAILBOX_NOT_FOUND);
      case 555: // MAIL FROM/RCPT TO parameters not recognized (RFC 5321)
        return Finding.of(PROTOCOL_ERROR);
      case 521: // host does not accept mail (RFC 7504)
      case 554:
      case 556: // domain does not accept mail (RFC 7504)
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
