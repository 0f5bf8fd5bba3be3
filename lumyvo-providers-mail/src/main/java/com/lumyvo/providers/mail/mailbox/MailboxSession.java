package com.lumyvo.providers.mail.mailbox;

import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.MailConnector;
import com.lumyvo.providers.mail.MailOperationException;
import com.lumyvo.providers.mail.internal.Bridges;
import com.lumyvo.providers.mail.internal.ImapSession;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One IMAP connection to a mailbox, reused across calls: folders, incremental sync, whole
 * messages as streams or as {@link MimeMessage}s, moving and flagging. Obtain it from {@link
 * MailConnector#open}; close it when done.
 *
 * <p>Operations run one at a time (IMAP is one conversation), each within the connector's
 * deadline: a server that drips its answer is cut off when the deadline passes. {@link #close()}
 * may be called from any thread; it ends a running operation at once, which then fails with a
 * {@link SessionClosedException}. Every other failure is a {@link MailOperationException} with a
 * {@link Diagnosis}; a failure that leaves the connection unusable (it dropped, the server broke
 * the protocol or the deadline passed) closes the session, and a new one picks up from the
 * caller's {@link SyncCursor}. The session never reconnects or logs in again on its own, and
 * {@link #isOpen()} never touches the network.
 *
 * <p>Everything runs on the session's one connection. Reading never marks messages as seen.
 */
public final class MailboxSession implements AutoCloseable {
  static {
    Bridges.registerMailbox(new Bridges.Mailbox() {
      @Override
      public MailboxSession wrap(ImapSession session) {
        return new MailboxSession(session);
      }

      @Override
      public ImapSession unwrap(MailboxSession session) {
        return session.imap;
      }

      @Override
      public SessionClosedException closed(String message) {
        return new SessionClosedException(message);
      }

      @Override
      public MessageTooLargeException tooLarge(long uid, long size, long limit) {
        return new MessageTooLargeException(uid, size, limit);
      }
    });
  }

  private final ImapSession imap;

  private MailboxSession(ImapSession imap) {
    this.imap = imap;
  }

  /** The account this session is logged in to. */
  public MailAccount account() {
    return imap.account();
  }

  /** Every folder, with its special use where the server announces it or its name tells. */
  public List<MailFolder> folders() {
    return imap.folders();
  }

  /** The folder for {@code use}: the announced one first, else one whose name says so. */
  public Optional<MailFolder> folder(SpecialUse use) {
    return imap.folder(use);
  }

  /**
   * Creates {@code name} as a folder.
   *
   * @return true if it was created, false if it existed already
   * @throws MailOperationException if the server refuses, with the diagnosis
   */
  public boolean createFolder(String name) {
    return imap.createFolder(name);
  }

  /** {@link #sync(String, SyncCursor, int)} with batches of 1,000 messages. */
  public SyncBatch sync(String folder, SyncCursor cursor) {
    return imap.sync(folder, cursor);
  }

  /**
   * The messages that arrived in {@code folder} after {@code cursor}, at most {@code limit},
   * oldest first, fetched with one UID FETCH for the whole batch. Messages stay unseen.
   *
   * <p>The first call lists the new messages with one UID SEARCH; further calls go on through
   * that listing without asking again, and {@link SyncBatch#more()} is true exactly while it
   * holds messages, or the server announced mail that arrived after it was made. A session kept
   * open sees new mail on its next call.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   * @throws MailOperationException if the folder does not exist or the connection fails
   */
  public SyncBatch sync(String folder, SyncCursor cursor, int limit) {
    return imap.sync(folder, cursor, limit);
  }

  /**
   * Writes the whole message, as the server stores it, to {@code out}: read in pieces of a
   * megabyte, never held in memory, and without marking it seen.
   *
   * @return the bytes written, or -1 if there is no message with that UID (moved or deleted)
   */
  public long writeMessage(String folder, long uid, OutputStream out) {
    return imap.writeMessage(folder, uid, out);
  }

  /**
   * The whole message as a {@link MimeMessage}, to read or {@link MailConnector#reply reply to},
   * if it is at most {@code maxBytes} long; larger ones are refused before a byte of their body
   * is read. Does not mark it seen.
   *
   * @return the message, or empty if there is no message with that UID
   * @throws MessageTooLargeException if the message is larger than {@code maxBytes}
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public Optional<MimeMessage> message(String folder, long uid, long maxBytes) {
    return imap.message(folder, uid, maxBytes);
  }

  /**
   * Moves messages by UID to {@code target}, on the session's one connection. Uses MOVE where
   * the server has it, which is atomic. Otherwise copies, flags the originals {@code \Deleted}
   * and removes exactly them with UID EXPUNGE (UIDPLUS); without UIDPLUS a plain EXPUNGE is sent
   * only when no other message in the folder is {@code \Deleted}, else the moved ones stay
   * flagged.
   *
   * <p>Without MOVE, a move cut short can be repeated and copies nothing twice, and nothing is
   * ever removed from {@code folder} that is not in {@code target}: before copying, each message
   * is looked for in {@code target} by its size and a SHA-256 of its whole header, which a copy
   * keeps byte for byte. A message counts as already copied only when one there matches both;
   * a different message that merely shares the Message-ID (a resend, a mailing-list duplicate)
   * has other headers (Received, Date) and is not taken for the copy. What is removed from
   * {@code folder} is only what the server confirmed copied (a successful COPY is atomic, RFC
   * 3501 6.4.7) or what matched that way.
   *
   * @return how many of the UIDs were found and moved
   * @throws MailOperationException if {@code target} does not exist (MAILBOX_NOT_FOUND) or the
   *     connection fails
   */
  public int move(String folder, Collection<Long> uids, String target) {
    return imap.move(folder, uids, target);
  }

  /**
   * Sets or clears flags on messages by UID: {@code \Seen}, {@code \Flagged}, {@code
   * \Answered}, or keywords.
   *
   * @return how many of the UIDs were found
   */
  public int setFlags(String folder, Collection<Long> uids, Flags flags, boolean set) {
    return imap.setFlags(folder, uids, flags, set);
  }

  /** How many messages {@code folder} holds that are not flagged {@code \Deleted}. */
  public int count(String folder) {
    return imap.count(folder);
  }

  /** Whether the session can take another operation; never touches the network. */
  public boolean isOpen() {
    return imap.isOpen();
  }

  /**
   * Logs out (never expunges). From another thread while an operation runs, it closes the
   * connection at once instead; that operation fails with a {@link SessionClosedException}.
   */
  @Override
  public void close() {
    imap.close();
  }

  @Override
  public String toString() {
    return imap.toString();
  }
}
