package com.lumyvo.providers.mail.testing;

/**
 * Failures a {@link FakeProvider} plays on demand, each the way real providers produce it. Switch
 * them with {@link FakeProvider#inject} and {@link FakeProvider#heal}; they apply to connections
 * opened afterwards. A wrong password needs no fault: log in with one.
 */
public enum Fault {
  /**
   * A failed login is answered with the provider's "app password required" reply, as when the
   * person's regular password is used where only an app password works. The app password
   * still logs in.
   */
  APP_PASSWORD_REQUIRED,
  /** IMAP logins are refused with the provider's reply for switched-off IMAP access. */
  IMAP_ACCESS_DISABLED,
  /** Nothing listens on the port: connections are refused. */
  CONNECTION_REFUSED,
  /** Connections are accepted and then never answered. */
  BLACK_HOLE,
  /** Every reply is delayed by {@link FakeProvider#slowReplies}'s delay (1 second by default). */
  SLOW_REPLIES,
  /**
   * The connection is cut after the server has sent {@link FakeProvider#dropConnectionAfter}
   * bytes (100 by default: in the greeting or login).
   */
  DROPPED_CONNECTION,
  /**
   * The endpoint speaks plain text where TLS is expected; a STARTTLS endpoint stops offering
   * STARTTLS.
   */
  PLAIN_TEXT_ON_TLS_PORT,
  /** The server presents a certificate for {@code localhost} that nobody trusts. */
  UNTRUSTED_CERTIFICATE,
  /** The server presents a trusted certificate for another host name. */
  WRONG_HOST_CERTIFICATE,
  /**
   * The IMAP server lacks MOVE (RFC 6851): it is not announced and the command is refused, so
   * clients must copy, flag and expunge.
   */
  WITHOUT_MOVE,
  /**
   * The IMAP server lacks UIDPLUS (RFC 4315): no UID EXPUNGE, so a client cannot expunge just
   * the messages it moved.
   */
  WITHOUT_UIDPLUS,
  /** The IMAP server lacks IDLE (RFC 2177): watching falls back to polling. */
  WITHOUT_IDLE,
  /**
   * The IMAP and SMTP servers announce XOAUTH2 but not OAUTHBEARER (RFC 7628), as Microsoft's
   * do; a fake mimicking Outlook.com or Microsoft 365 never announces OAUTHBEARER anyway.
   */
  WITHOUT_OAUTHBEARER
}
