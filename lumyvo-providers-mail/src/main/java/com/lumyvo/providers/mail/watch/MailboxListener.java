package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;

/**
 * What a {@link MailboxWatcher} reports about one watched folder. Calls for one folder come one
 * at a time, in order, on the watcher's fetch threads; calls for different folders may run at
 * once. Keep them short, or hand the work on: while a listener runs, a fetch thread is busy.
 */
public interface MailboxListener {
  /**
   * New messages. Returning normally means they are handled: the cursor moves to {@code
   * batch.next()}. Throwing means they are not: the watch backs off, reconnects and delivers
   * them again. Deduplicate on {@code (batch.next().uidValidity(), message.uid())}.
   */
  void onMessages(SyncBatch batch) throws Exception;

  /**
   * The connection is up and idle: new mail reaches this listener as soon as the server tells
   * of it. Called after every (re)connection; mail that arrived while the watch was down follows
   * in {@link #onMessages}.
   */
  default void onReady() {}

  /**
   * The server changed the folder's UIDVALIDITY: the old UIDs mean nothing now. The watch goes
   * on from {@code fresh}, the start of the folder, so its messages come again under new UIDs.
   */
  default void onUidValidityChanged(SyncCursor old, SyncCursor fresh) {}

  /**
   * The watch failed. If {@code stopped}, the {@link WatchPolicy} ended it for good (a rejected
   * login, a missing folder, a disabled account): it never logs in again until the mailbox is
   * removed and added again, once the person has fixed what {@code diagnosis} says. Otherwise it
   * reconnects after a backoff.
   */
  default void onFailure(Diagnosis diagnosis, boolean stopped) {}
}
