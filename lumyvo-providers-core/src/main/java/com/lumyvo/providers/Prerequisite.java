package com.lumyvo.providers;

import java.util.Objects;

/**
 * Something a person must have done before a third-party app can use their mailbox.
 *
 * @param kind what sort of step it is, for code that branches on it (a diagnosis that points
 *     at a switched-off IMAP setting, say)
 * @param description the step in a sentence, for people
 */
public record Prerequisite(Kind kind, String description) {

  /** The sorts of prerequisites providers have. */
  public enum Kind {
    /** Two-factor authentication must be on before app passwords can be generated. */
    TWO_FACTOR_AUTHENTICATION,
    /** IMAP (and often SMTP or POP3) access must be switched on in the mailbox settings. */
    IMAP_ACCESS_ENABLED,
    /** The account's plan must include IMAP access; free plans do not. */
    PAID_PLAN,
    /**
     * Accounts that sign in through single sign-on (SAML, federated login) must use an app
     * password, because they have no password of their own to log in with.
     */
    SINGLE_SIGN_ON_NEEDS_APP_PASSWORD
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if {@code description} is blank
   */
  public Prerequisite {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    if (description.isBlank()) {
      throw new IllegalArgumentException("description is blank");
    }
  }
}
