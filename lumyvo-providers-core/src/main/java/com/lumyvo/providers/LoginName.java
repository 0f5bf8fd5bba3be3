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
  LOCAL_PART;

  /** The user name to log in with for {@code address}. */
  public String of(EmailAddress address) {
    Objects.requireNonNull(address, "address");
    return this == EMAIL_ADDRESS ? address.toString() : address.localPart();
  }
}
