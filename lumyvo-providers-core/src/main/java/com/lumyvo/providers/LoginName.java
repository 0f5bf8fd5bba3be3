package com.lumyvo.providers;

import java.util.Objects;

/**
 * Which user name a server expects at login, given the person's address. Mirrors the
 * {@code %EMAILADDRESS%} and {@code %EMAILLOCALPART%} templates of Thunderbird's ISPDB and
 * Delta Chat's provider database.
 */
public enum LoginName {
  /** The whole address, {@code alice@gmx.de}; what almost every provider expects. */
  EMAIL_ADDRESS,
  /** Only the part before the {@code @}, {@code alice}; iCloud's IMAP server documents this. */
  LOCAL_PART,
  /**
   * The address of the person's own account at the provider, which is not the address being
   * connected and cannot be derived from it: an iCloud+ custom-domain address such as {@code
   * anna@bakery-anna.de} signs in with the Apple Account's primary iCloud Mail address. A service
   * must ask the person for it.
   */
  ACCOUNT_ADDRESS;

  /** Whether {@link #of} can derive the user name from the address alone. */
  public boolean isDerivedFromAddress() {
    return this != ACCOUNT_ADDRESS;
  }

  /**
   * The user name to log in with for {@code address}.
   *
   * @throws IllegalStateException for {@link #ACCOUNT_ADDRESS}, which only the person knows
   */
  public String of(EmailAddress address) {
    Objects.requireNonNull(address, "address");
    return switch (this) {
      case EMAIL_ADDRESS -> address.toString();
      case LOCAL_PART -> address.localPart();
      // The domain, not the address: messages end up in logs, and the local part is personal.
      case ACCOUNT_ADDRESS -> throw new IllegalStateException("the login name for addresses on "
          + address.domain() + " is the address of the person's own account at the provider,"
          + " which only they know; ask for it");
    };
  }
}
