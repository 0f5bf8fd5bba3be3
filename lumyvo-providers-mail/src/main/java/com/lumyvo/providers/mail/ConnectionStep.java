package com.lumyvo.providers.mail;

/** The steps of reaching a mail server, in order; a failure names the one it stopped at. */
public enum ConnectionStep {
  /** Resolving the server's host name. */
  DNS,
  /** Opening the TCP connection. */
  TCP,
  /** Setting up TLS: the handshake and the certificate and host-name checks, or STARTTLS. */
  TLS,
  /** Reading the server's greeting and capabilities. */
  GREETING,
  /** Logging in. */
  AUTHENTICATION,
  /** Handing a message over (SMTP {@code MAIL}, {@code RCPT}, {@code DATA}). */
  SEND,
  /** A mailbox command once logged in: listing, fetching, moving, flagging, watching. */
  COMMAND
}
