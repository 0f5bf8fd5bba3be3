package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.diagnosis.FailureKind;

/**
 * Which failure a person should see first when IMAP and SMTP failed differently: the order that
 * {@link VerificationResult#diagnosis()} documents, as a rank (lower is shown first).
 */
final class FirstShown {
  private FirstShown() {}

  /**
   * The rank of {@code kind}, unique per kind. A switch without a default, so that a new {@link
   * FailureKind} does not compile until someone has placed it.
   */
  static int rank(FailureKind kind) {
    return switch (kind) {
      // The provider named an account problem: setup steps in the order the guides take them.
      case WEB_LOGIN_REQUIRED -> 0;
      case PLAN_NOT_SUPPORTED -> 1;
      case ACCESS_DISABLED -> 2;
      case APP_PASSWORD_REQUIRED -> 3;
      case AUTH_MECHANISM_UNSUPPORTED -> 4;
      // OAuth: connecting the account again helps only once the account allows the access.
      case TOKEN_REVOKED -> 5;
      case TOKEN_SCOPE_MISSING -> 6;
      // The login was refused, for reasons the wording does not tell apart.
      case INVALID_CREDENTIALS -> 10;
      // Other problems with the account's mail.
      case QUOTA_EXCEEDED -> 20;
      case MAILBOX_NOT_FOUND -> 21;
      case MESSAGE_REJECTED -> 22;
      // Server settings or a network in the way; a TLS failure may be an attack, so it leads.
      case TLS_FAILURE -> 30;
      case SERVER_NOT_FOUND -> 31;
      case CONNECTION_REFUSED -> 32;
      // Transient: retrying later can work without anybody changing anything.
      // A refused token says what to refresh; refused tokens also get accounts rate limited.
      case TOKEN_EXPIRED -> 39;
      case RATE_LIMITED -> 40;
      case SERVER_UNAVAILABLE -> 41;
      case NETWORK_UNREACHABLE -> 42;
      case TIMEOUT -> 43;
      // Nothing a person can act on.
      case PROTOCOL_ERROR -> 50;
      case UNKNOWN -> 51;
    };
  }
}
