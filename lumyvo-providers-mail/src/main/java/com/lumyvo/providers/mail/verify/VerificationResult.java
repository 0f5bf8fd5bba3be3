package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import java.util.Objects;

/**
 * The outcome of {@link MailConnector#verify(MailAccount)}: one check per protocol.
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
}
