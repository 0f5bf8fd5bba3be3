package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.mail.MailAccount;
import com.lumyvo.providers.mail.mailbox.SyncCursor;

/** One folder watched by a {@link MailboxWatcher}: the handle {@link MailboxWatcher#add} returns. */
public interface WatchedMailbox {
  /** The account. */
  MailAccount account();

  /** The folder watched. */
  String folder();

  /** How far the listener has handled: always safe to store (see {@link MailboxWatcher}). */
  SyncCursor cursor();

  /** Where the watch stands now. */
  WatchState state();
}
