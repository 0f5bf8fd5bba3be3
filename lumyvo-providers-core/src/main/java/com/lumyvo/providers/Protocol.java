package com.lumyvo.providers;

/** The two protocols a Lumyvo service speaks to a mailbox: reading with IMAP, sending with SMTP. */
public enum Protocol {
  /** Reading, sorting and watching mail (RFC 9051, RFC 3501). */
  IMAP,
  /** Sending mail (message submission, RFC 6409 and RFC 8314). */
  SMTP
}
