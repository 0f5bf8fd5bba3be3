package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.mail.mailbox.SyncBatch;
import com.lumyvo.providers.mail.mailbox.SyncCursor;
import com.lumyvo.providers.diagnosis.Diagnosis;
import java.time.Duration;

/** What a {@link FolderWatch} reports. Called from the watch's thread, one call at a time. */
public interface WatchListener {
  /**
   * New messages. Returning normally means they are handled: the watch's cursor moves to
   * {@code batch.next()}. Throwing means they are not: the same messages come again later.
   */
  void onMessages(SyncBatch batch) throws Exception;

  /**
   * The server changed the folder's UIDVALIDITY: the old cursor means nothing now. The watch
   * goes on from {@code fresh}, the start of the folder, so the folder's messages come again;
   * deduplicate by Message-ID if that matters.
   */
  default void onUidValidityChanged(SyncCursor old, SyncCursor fresh) {}

  /** The watch failed and tries again after {@code retryIn}. */
  default void onFailure(Diagnosis diagnosis, Duration retryIn) {}

  /**
   * The watch stopped for good, because trying again cannot help and could lock the account:
   * the server rejected the login (wrong password, app password required, access disabled) or
   * the folder does not exist. It never logs in again; start a new watch once the person has
   * fixed what {@code diagnosis} says.
   */
  default void onStopped(Diagnosis diagnosis) {}
}
