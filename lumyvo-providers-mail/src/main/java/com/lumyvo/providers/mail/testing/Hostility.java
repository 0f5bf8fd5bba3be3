package com.lumyvo.providers.mail.testing;

/**
 * How a {@link HostileServer} misbehaves once its trigger comes: the greeting or a chosen
 * command. Until then it answers like a small, correct IMAP or SMTP server. The endless
 * behaviours are generated on the fly with constant memory on the server and go on until the
 * client disconnects or the server is closed; they push data as fast as the client takes it,
 * to prove that a client bounds what it buffers.
 */
public enum Hostility {
  /**
   * An endless line without a line ending: IMAP {@code * OK } and SMTP {@code 250 } (before the
   * greeting {@code 220 }), then letters forever.
   */
  ENDLESS_LINE,
  /**
   * Endless well-formed continuation requests that never finish the command: IMAP {@code + }
   * lines, SMTP {@code 334 <base64>} lines (the endless AUTH dialogue).
   */
  ENDLESS_CONTINUATION,
  /**
   * Endless well-formed untagged responses, never the tagged reply: IMAP {@code * 3 EXISTS} and
   * {@code * OK still here} lines; SMTP endless {@code 250-} continuation lines ({@code 220-}
   * before the greeting).
   */
  ENDLESS_UNTAGGED,
  /**
   * IMAP: endless well-formed {@code * n FETCH (UID n FLAGS ())} responses with n counting up,
   * never the tagged reply. SMTP: as {@link #ENDLESS_UNTAGGED}.
   */
  ENDLESS_FETCH,
  /**
   * IMAP: a FETCH response announces a huge literal ({@link HostileServer.Builder#literalSize},
   * 2147483647 bytes by default) and then streams message bytes forever. SMTP: as {@link
   * #ENDLESS_LINE}.
   */
  HUGE_LITERAL,
  /**
   * The correct answers, one byte per interval ({@link HostileServer.Builder#dripInterval}, 1
   * second by default) from the trigger on, so that no per-read timeout ever fires while an
   * operation takes forever.
   */
  DRIP,
  /**
   * The greeting, then the connection is closed as soon as the client sends anything. The
   * trigger is ignored.
   */
  CLOSE_AFTER_GREETING,
  /**
   * Nothing at all from the trigger on: no greeting (the default trigger), or no answer to the
   * triggering command. The connection stays open; what the client sends is read and dropped.
   * With implicit TLS the handshake still completes: the silence is inside TLS (for a server
   * that never even answers the handshake, see {@link Fault#BLACK_HOLE}).
   */
  SILENCE,
  /** Random bytes, with a line ending now and then, forever. */
  GARBAGE,
  /**
   * STARTTLS is answered positively ({@code OK Begin TLS negotiation now}, {@code 220 2.0.0
   * Ready to start TLS}), and then the TLS handshake never happens: nothing more is sent, what
   * the client sends is dropped. Needs an endpoint with {@link
   * com.lumyvo.providers.Security#STARTTLS}; the trigger is always the STARTTLS command.
   */
  STARTTLS_THEN_SILENCE,
  /**
   * Correct answers, but from the trigger on every reply also repeats the client's command
   * verbatim ({@code you said: a1 LOGIN anna "p\"w"}; line breaks of literals become spaces,
   * base64 continuation lines of AUTHENTICATE and AUTH are appended): IMAP tagged replies and an
   * untagged {@code * OK you said: ...} before them, SMTP replies. Logins fail, so that the
   * echoed secret lands in the client's error, unless {@link
   * HostileServer.Builder#echoLoginFails(boolean)} says otherwise.
   */
  ECHO
}
