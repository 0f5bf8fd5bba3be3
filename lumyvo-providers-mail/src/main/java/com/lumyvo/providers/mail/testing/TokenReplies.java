package com.lumyvo.providers.mail.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What a provider answers to an OAuth 2.0 token it does not take, and which SASL mechanisms it
 * announces. Unlike {@link ReplyTexts}, these are the providers' real words, each with its
 * source: a client must be tested against what it will read, and these few replies are all a
 * provider ever says about tokens.
 *
 * @param oauthBearer whether the provider announces OAUTHBEARER beside XOAUTH2
 * @param challenge the decoded error challenge sent before the final reply, for each verdict;
 *     empty where the provider sends none
 * @param imapRejected the IMAP tagged reply, without its tag
 * @param smtpRejected the SMTP reply to AUTH
 * @param imapExpiredBye the untagged BYE that ends a session whose token expired, if the
 *     provider ends sessions so; otherwise the session goes on and the next login fails
 * @param imapDisabled the reply to a login where the tenant or account has IMAP switched off
 */
record TokenReplies(boolean oauthBearer, ChallengeText challenge, String imapRejected,
    String smtpRejected, Optional<String> imapExpiredBye, String imapDisabled) {

  /** The challenge for a verdict, or none. */
  @FunctionalInterface
  interface ChallengeText {
    Optional<String> of(FakeTokens.Verdict verdict);
  }

  /**
   * The fake's own provider follows RFC 7628 to the letter: OAUTHBEARER and XOAUTH2 announced,
   * the §3.2.2 error JSON with RFC 6750's error codes, an RFC 5530 code in the final reply.
   */
  static final TokenReplies FAKE = new TokenReplies(true,
      verdict -> Optional.of(verdict == FakeTokens.Verdict.SCOPE_MISSING
          ? "{\"status\":\"insufficient_scope\",\"scope\":\"mail\"}"
          : "{\"status\":\"invalid_token\",\"scope\":\"mail\"}"),
      "NO [AUTHENTICATIONFAILED] Access token rejected",
      "535 5.7.8 Access token rejected",
      Optional.of("* BYE [ALERT] Access token expired"),
      "NO [ALERT] IMAP access is disabled for this account");

  /**
   * Gmail: announces both mechanisms ({@code AUTH=XOAUTH2 AUTH=OAUTHBEARER} in imap.gmail.com's
   * CAPABILITY, and {@code AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH} on
   * smtp.gmail.com); answers a bad token with the base64 JSON challenge of "The XOAUTH2
   * mechanism", developers.google.com/workspace/gmail/imap/xoauth2-protocol (Error response),
   * whatever the reason, then {@code NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)}
   * (as quoted in mustang-im/mustang#350) or SMTP {@code 535-5.7.8 Username and Password not
   * accepted} (Google's SMTP reply to any bad credential, BadCredentials help link). Gmail keeps
   * a session whose token expired: only the next login fails. Gmail's text for switched-off IMAP
   * is not sourced here, so the fake's own words stand in for it.
   */
  static final TokenReplies GOOGLE = new TokenReplies(true,
      verdict -> Optional.of(
          "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}"),
      "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
      "535 5.7.8 Username and Password not accepted. For more information, go to"
          + " https://support.google.com/mail/?p=BadCredentials",
      Optional.empty(),
      "NO [ALERT] IMAP access is disabled for this account");

  /**
   * Outlook.com and Microsoft 365: XOAUTH2 only (outlook.office365.com announces {@code
   * AUTH=PLAIN AUTH=XOAUTH2 SASL-IR}); no challenge, {@code NO AUTHENTICATE failed.} for every
   * bad token and for a tenant or mailbox with IMAP switched off (imapsync/imapsync#250,
   * Webklex/php-imap#262); SMTP {@code 535 5.7.3 Authentication unsuccessful}
   * (tarickb/sasl-xoauth2#43, jstedfast/MailKit#1712, without the server name and time Microsoft
   * appends in brackets); and a session whose token
   * expires ends at its next command with {@code * BYE Session invalidated - AccessTokenExpired}
   * (iroco-co/aioimaplib#83, imapsync/imapsync#250).
   */
  static final TokenReplies MICROSOFT = new TokenReplies(false,
      verdict -> Optional.empty(),
      "NO AUTHENTICATE failed.",
      "535 5.7.3 Authentication unsuccessful",
      Optional.of("* BYE Session invalidated - AccessTokenExpired"),
      "NO AUTHENTICATE failed.");

  static TokenReplies of(String providerId) {
    return switch (providerId) {
      case "gmail" -> GOOGLE;
      case "outlook", "microsoft365" -> MICROSOFT;
      default -> FAKE;
    };
  }

  /** The challenge for {@code verdict}, base64 as it goes on the wire. */
  Optional<String> encodedChallenge(FakeTokens.Verdict verdict) {
    return challenge.of(verdict).map(json ->
        Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
  }
}
