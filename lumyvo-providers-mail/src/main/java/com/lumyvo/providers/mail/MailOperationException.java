package com.lumyvo.providers.mail;

import com.lumyvo.providers.diagnosis.CredentialRedactor;
import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.mail.internal.Bridges;
import com.lumyvo.providers.mail.internal.RedactedCause;
import java.util.Objects;

/**
 * A mail operation failed. The {@link Diagnosis} says why and what to do. The message is the
 * diagnosis's summary and kind; the cause is a copy of the original exception, and of its causes,
 * with the account's password removed from every message in every form the diagnosis removes it
 * (servers echo login lines into their replies, which Jakarta Mail puts into its exceptions).
 */
public final class MailOperationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static {
    Bridges.registerRoot(MailOperationException::new);
  }

  private final transient Diagnosis diagnosis;
  private final ConnectionStep step;

  MailOperationException(Diagnosis diagnosis, ConnectionStep step, Throwable cause,
      CredentialRedactor redactor) {
    super(step + ": " + diagnosis.kind() + ": " + diagnosis.summary(),
        RedactedCause.of(cause, redactor));
    this.diagnosis = Objects.requireNonNull(diagnosis);
    this.step = Objects.requireNonNull(step);
  }

  /** Why it failed and what to do. */
  public Diagnosis diagnosis() {
    return diagnosis;
  }

  /** The step it stopped at. */
  public ConnectionStep step() {
    return step;
  }
}
