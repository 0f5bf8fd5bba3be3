package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link MailConnector#verify(MailAccount)}: one check per protocol, and the one
 * {@link #diagnosis()} to show a person when something failed.
 *
 * @param imap logging in to the IMAP server
 * @param smtp logging in to an SMTP server, trying alternatives on connection failures
 */
public record VerificationResult(ProtocolCheck imap, ProtocolCheck smtp) {
  /** Validates. */
  public VerificationResult {
    Objects.requireNonNull(imap, "imap");
    Objects.requireNonNull(smtp, "smtp");
  }

  /** Whether both protocols work. */
  public boolean ok() {
    return imap.ok() && smtp.ok();
  }

  /**
   * The single diagnosis a person should see first: the failed protocol's when one failed; when
   * both failed, the more specific and actionable of the two, by this rule:
   * <ol>
   *   <li>An account problem the provider named ({@link FailureKind#WEB_LOGIN_REQUIRED}, {@link
   *       FailureKind#PLAN_NOT_SUPPORTED}, {@link FailureKind#ACCESS_DISABLED}, {@link
   *       FailureKind#APP_PASSWORD_REQUIRED}, {@link FailureKind#AUTH_MECHANISM_UNSUPPORTED},
   *       {@link FailureKind#TOKEN_REVOKED}, {@link FailureKind#TOKEN_SCOPE_MISSING}, in that
   *       order: the order in which the providers' guides take the steps, signing in on the web
   *       before anything, the mechanism as the person can do least about it, and the OAuth
   *       grant last, as connecting the account again helps only once the account allows the
   *       access).
   *   <li>{@link FailureKind#INVALID_CREDENTIALS}: a refused login the wording does not explain.
   *       It loses to the named problems because many servers answer a missing app password or
   *       switched-off IMAP with the same words, so the other protocol's precise answer is most
   *       likely the reason for both (IMAP "invalid credentials" and SMTP "application-specific
   *       password required" for the same regular password).
   *   <li>Other problems with the account's mail: {@link FailureKind#QUOTA_EXCEEDED}, {@link
   *       FailureKind#MAILBOX_NOT_FOUND}, {@link FailureKind#MESSAGE_REJECTED}.
   *   <li>Server settings or a network that stands in the way, which no retry fixes: {@link
   *       FailureKind#TLS_FAILURE} (first: it may be an attack and must not hide behind a network
   *       message), {@link FailureKind#SERVER_NOT_FOUND}, {@link FailureKind#CONNECTION_REFUSED}.
   *   <li>Transient trouble, which retrying later can cure, the server's own statement before
   *       what the network suggests: {@link FailureKind#TOKEN_EXPIRED} (refused tokens also get
   *       accounts rate limited), {@link FailureKind#RATE_LIMITED}, {@link
   *       FailureKind#SERVER_UNAVAILABLE}, {@link FailureKind#NETWORK_UNREACHABLE}, {@link
   *       FailureKind#TIMEOUT}. Account problems come first because a person must act on them
   *       while these may pass on their own, and because repeated rejected logins often cause
   *       the rate limit seen on the other protocol.
   *   <li>Nothing to act on: {@link FailureKind#PROTOCOL_ERROR}, then {@link FailureKind#UNKNOWN}.
   * </ol>
   * Every kind has its own place, so two different kinds are always ordered; when both protocols
   * failed with the same kind, IMAP's diagnosis is shown: it comes from the one IMAP attempt, on
   * the server the service reads mail from, and the choice does not depend on which finished
   * first. The other protocol's diagnosis stays available through {@link #imap()} and {@link
   * #smtp()}.
   *
   * @return empty when both protocols work
   */
  public Optional<Diagnosis> diagnosis() {
    return diagnosedCheck().flatMap(ProtocolCheck::diagnosis);
  }

  /**
   * The failed check that {@link #diagnosis()} comes from, for its protocol, endpoint and step;
   * empty when both protocols work.
   */
  public Optional<ProtocolCheck> diagnosedCheck() {
    if (imap.ok()) {
      return smtp.ok() ? Optional.empty() : Optional.of(smtp);
    }
    if (smtp.ok()) {
      return Optional.of(imap);
    }
    int imapRank = FirstShown.rank(imap.diagnosis().orElseThrow().kind());
    int smtpRank = FirstShown.rank(smtp.diagnosis().orElseThrow().kind());
    return Optional.of(smtpRank < imapRank ? smtp : imap);
  }
}
