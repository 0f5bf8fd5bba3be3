package com.lumyvo.providers.mail.watch;

/** Where the watch of one {@link WatchedMailbox} stands. */
public enum WatchState {
  /** Connecting, logging in or selecting the folder, or waiting for a handshake slot. */
  CONNECTING,
  /**
   * Idle and listening: the server tells of new mail at once. {@link MailboxListener#onReady}
   * has been called.
   */
  LISTENING,
  /** Failed, and waiting for its backoff to pass before connecting again. */
  BACKING_OFF,
  /**
   * Stopped for good by the {@link WatchPolicy} (a rejected login, a missing folder): it never
   * connects again until removed and added again.
   */
  STOPPED,
  /** Removed from its watcher, or its watcher closed. */
  REMOVED;

  /** Whether the watch has ended: {@link #STOPPED} or {@link #REMOVED}. */
  public boolean isFinal() {
    return this == STOPPED || this == REMOVED;
  }
}
