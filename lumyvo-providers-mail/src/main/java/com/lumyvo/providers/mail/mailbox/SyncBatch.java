package com.lumyvo.providers.mail.mailbox;

import java.util.List;
import java.util.Objects;

/**
 * One batch of new messages from {@link MailboxSession#sync}.
 *
 * @param folder the folder synced
 * @param messages the new messages, oldest UID first
 * @param next the cursor after all of them: store it once every message is handled, or move
 *     message by message with {@link #cursorAfter}
 * @param uidValidityChanged true if the server changed the folder's UIDVALIDITY since the cursor:
 *     the old UIDs mean nothing now, {@code messages} is empty and {@code next} starts the folder
 *     over; deciding how to resynchronize (by Message-ID, say) is the caller's
 * @param more whether more new messages wait than this batch held
 */
public record SyncBatch(String folder, List<MessageSummary> messages, SyncCursor next,
    boolean uidValidityChanged, boolean more) {

  /** Validates and copies. */
  public SyncBatch {
    Objects.requireNonNull(folder, "folder");
    messages = List.copyOf(messages);
    Objects.requireNonNull(next, "next");
  }

  /**
   * The cursor just after {@code message} of this batch, to store once it is handled: the
   * folder's UIDVALIDITY comes from the batch, so this works from {@link SyncCursor#beginning()}
   * too.
   *
   * @throws IllegalArgumentException if {@code message} is not of this batch
   */
  public SyncCursor cursorAfter(MessageSummary message) {
    Objects.requireNonNull(message, "message");
    if (!messages.contains(message)) {
      throw new IllegalArgumentException("message " + message.uid() + " is not of this batch");
    }
    return new SyncCursor(next.uidValidity(), message.uid());
  }
}
