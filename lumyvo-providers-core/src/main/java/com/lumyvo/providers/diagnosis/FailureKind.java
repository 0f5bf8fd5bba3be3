package com.lumyvo.providers.diagnosis;

/**
 * What went wrong, in the few kinds that callers branch on. Each constant says what produces it.
 *
 * <p>{@link #isRetryable()} answers whether trying the same thing again later can succeed
 * without anybody changing a setting. It is false for credential failures on purpose: repeating
 * a rejected login burns attempts, and some providers lock the account after a few.
 */
public enum FailureKind {
  /**
   * The server rejected the login name or password: IMAP {@code NO [AUTHENTICATIONFAILED]}, SMTP
   * {@code 535 5.7.8}, "Invalid credentials", "Login incorrect". Several providers answer this way
   * also when the regular password was used instead of an app password, or when IMAP access is
   * switched off, so a diagnosis of this kind usually lists those as alternatives.
   */
  INVALID_CREDENTIALS(false),
  /**
   * The provider says in so many words that an app password is needed: Gmail's "Application-
   * specific password required" ({@code 534 5.7.9}), Yahoo's {@code 535 5.7.0 (#AUTH005)}.
   */
  APP_PASSWORD_REQUIRED(false),
  /**
   * The provider wants the person to sign in with a web browser first, or to pass a security
   * check: "Please log in via your web browser", "Account is blocked … verify your identity".
   */
  WEB_LOGIN_REQUIRED(false),
  /**
   * IMAP, POP or SMTP access is switched off for the account or its organization: "IMAP access is
   * not allowed for this account", "SmtpClientAuthentication is disabled for the Tenant", IMAP
   * {@code [CONTACTADMIN]}.
   */
  ACCESS_DISABLED(false),
  /**
   * The server refused an OAuth access token as expired or invalid: IMAP {@code NO
   * [AUTHENTICATIONFAILED]} or SMTP {@code 535}/{@code 334} after {@code AUTHENTICATE XOAUTH2}
   * with an {@code "invalid_token"} status, Microsoft's "AccessTokenExpired". The SDK has already
   * asked the service's token source for a fresh token once when this is reported, so a later
   * try with a token the source refreshed may succeed. Retryable.
   */
  TOKEN_EXPIRED(true),
  /**
   * The grant behind the OAuth token is gone: the person revoked the app's access or withdrew
   * consent, an administrator removed it, or the refresh token is dead ({@code invalid_grant}).
   * No retry mends this; the person must connect the account again (sign in and consent).
   */
  TOKEN_REVOKED(false),
  /**
   * The OAuth token is valid but lacks the mail scope: Gmail's {@code https://mail.google.com/},
   * Microsoft's {@code IMAP.AccessAsUser.All} or {@code SMTP.Send} ({@code "insufficient_scope"}).
   * The service must request the scope and the person consent again. An account or tenant that
   * forbids IMAP or SMTP altogether is {@link #ACCESS_DISABLED} instead.
   */
  TOKEN_SCOPE_MISSING(false),
  /**
   * The account's plan does not include this kind of access (Zoho Mail's free plan has no IMAP).
   * Providers rarely say so in their replies; it is mostly an alternative of other kinds.
   */
  PLAN_NOT_SUPPORTED(false),
  /**
   * Too many logins, connections or messages: "Too many login attempts", "Maximum number of
   * connections from user+IP exceeded", Gmail's daily sending quota, SMTP {@code 421} rate
   * limits. Retryable after a pause.
   */
  RATE_LIMITED(true),
  /**
   * Temporary trouble on the server's side: IMAP {@code [UNAVAILABLE]}, {@code [SERVERBUG]},
   * SMTP {@code 421}, {@code 451}, {@code 454 4.7.0 Temporary authentication failure}, a
   * connection reset after it was established, a greeting that refuses service (IMAP {@code *
   * BYE}, an SMTP greeting other than {@code 220}). Retryable.
   */
  SERVER_UNAVAILABLE(true),
  /** The host name does not resolve: {@link java.net.UnknownHostException}, a mistyped host. */
  SERVER_NOT_FOUND(false),
  /**
   * Nothing listens on that host and port, or a firewall rejects the connection: {@link
   * java.net.ConnectException} "Connection refused". Usually a wrong host or port.
   */
  CONNECTION_REFUSED(false),
  /**
   * This machine has no route to the server: "Network is unreachable", {@link
   * java.net.NoRouteToHostException}. Retryable once the network is back.
   */
  NETWORK_UNREACHABLE(true),
  /**
   * A connect, read or write took longer than allowed ({@link java.net.SocketTimeoutException}),
   * or the server closed an idle session. Retryable.
   */
  TIMEOUT(true),
  /**
   * TLS could not be set up: a failed handshake, an untrusted or mismatched certificate, TLS
   * spoken to a plain port ("Unrecognized SSL message, plaintext connection?") or plain text to a
   * TLS port, STARTTLS required by one side and missing on the other. A server that demands
   * encryption before login or mail ("Must issue a STARTTLS command first", IMAP {@code
   * [PRIVACYREQUIRED]}, "Plaintext authentication disallowed on non-secure connections", SMTP
   * {@code X.7.10} and {@code X.7.11}) is this kind too: the fix is the security setting.
   */
  TLS_FAILURE(false),
  /**
   * The server refuses the way we log in rather than the credentials: only OAuth2 offered, basic
   * authentication disabled, "AUTH not available", "Unrecognized authentication type", {@code 534
   * 5.7.9} "mechanism is too weak". A refusal because the connection is not encrypted is {@link
   * #TLS_FAILURE}.
   */
  AUTH_MECHANISM_UNSUPPORTED(false),
  /**
   * A folder or recipient mailbox does not exist: IMAP {@code [NONEXISTENT]}, {@code
   * [TRYCREATE]}, SMTP {@code 550 5.1.1}.
   */
  MAILBOX_NOT_FOUND(false),
  /** The mailbox or a storage limit is full: IMAP {@code [OVERQUOTA]}, SMTP {@code 452}, {@code 552 5.2.2}. */
  QUOTA_EXCEEDED(false),
  /**
   * The server refused a message for its content, size, sender or destination: spam and virus
   * filters, {@code 554 5.7.1}, relaying denied, a sender address the account may not use.
   */
  MESSAGE_REJECTED(false),
  /**
   * The two sides did not understand each other: IMAP {@code BAD}, SMTP {@code 500}–{@code 504}
   * and {@code X.5.x}, a command in the wrong state (among them mail sent before logging in:
   * "Authentication required", "You must authenticate first", unless the words are about
   * relaying, which is {@link #MESSAGE_REJECTED}); or the server broke the protocol: an SMTP
   * {@code 334} that asks for more when an answer is due (an endless AUTH dialogue), an answer
   * the client could not read (it ran out of memory, or an index ran past the end of a line).
   * Usually a bug on one side, not something a person can fix.
   */
  PROTOCOL_ERROR(false),
  /** Nothing in the evidence says what happened. */
  UNKNOWN(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * Whether the same operation can succeed later without a change of settings, credentials or
   * plan. A {@link Diagnosis} may suggest how long to wait.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
