package com.lumyvo.providers.mail.mailbox;

import java.util.Objects;
import java.util.Optional;

/**
 * A folder of a mailbox.
 *
 * @param name the full name to pass to other calls, such as {@code INBOX} or {@code INBOX.Sent}
 * @param specialUse what it is for: from the server's RFC 6154 attributes, or else from a
 *     well-known name
 * @param announced whether the server announced the special use, rather than the name suggesting
 *     it
 */
public record MailFolder(String name, Optional<SpecialUse> specialUse, boolean announced) {
  /** Validates. */
  public MailFolder {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(specialUse, "specialUse");
  }
}
