package com.lumyvo.providers.mail.mailbox;

/**
 * The {@link MailboxSession} is closed: {@link MailboxSession#close()} was called, before or
 * while this operation ran, or an earlier operation lost the connection. Open a new session; it
 * picks up from the caller's {@link SyncCursor}.
 */
public final class SessionClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  SessionClosedException(String message) {
    super(message);
  }
}
