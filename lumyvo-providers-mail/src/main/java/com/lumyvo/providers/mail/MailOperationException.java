package com.lumyvo.providers.mail;

import com.lumyvo.providers.diagnosis.Diagnosis;
import java.util.Objects;

/**
 * A mail operation failed. The {@link Diagnosis} says why and what to do; the cause is the
 * original exception. The message is the diagnosis's summary and kind, never a credential.
 */
public final class MailOperationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Diagnosis diagnosis;
  private final ConnectionStep step;

  MailOperationException(Diagnosis diagnosis, ConnectionStep step, Throwable cause) {
    super(step + ": " + diagnosis.kind() + ": " + diagnosis.summary(), cause);
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
