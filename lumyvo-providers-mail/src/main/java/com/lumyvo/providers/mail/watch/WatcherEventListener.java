package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.diagnosis.Diagnosis;
import java.time.Duration;

/**
 * Hears of each step of every watched mailbox, for metrics and tracing, in the manner of
 * OkHttp's {@code EventListener}. Every method does nothing by default. Called on the watcher's
 * own threads, the I/O thread among them: return at once, never block, never throw (what is
 * thrown is logged and ignored).
 */
public interface WatcherEventListener {
  /** Hears nothing. */
  WatcherEventListener NONE = new WatcherEventListener() {};

  /** A connection is about to be opened (after its wait for a handshake slot). */
  default void connectStart(WatchedMailbox mailbox) {}

  /** The server accepted the login. */
  default void loggedIn(WatchedMailbox mailbox) {}

  /** The folder is selected and the connection idle: the mailbox is listening. */
  default void listening(WatchedMailbox mailbox) {}

  /**
   * The server told of new mail: the folder now holds {@code messages} (an EXISTS in the folder
   * the account's connection idles in), or -1 when a change was seen without a count (STATUS or
   * NOTIFY, for the account's other folders).
   */
  default void notified(WatchedMailbox mailbox, long messages) {}

  /** A fetch of new mail starts. */
  default void fetchStart(WatchedMailbox mailbox) {}

  /** A fetch ended, {@code delivered} messages handed to the listener. */
  default void fetchEnd(WatchedMailbox mailbox, int delivered) {}

  /** The mailbox failed; what follows is {@link #reconnectScheduled} or {@link #gaveUp}. */
  default void failed(WatchedMailbox mailbox, Diagnosis diagnosis) {}

  /** The mailbox connects again after {@code delay}. */
  default void reconnectScheduled(WatchedMailbox mailbox, Duration delay) {}

  /** The policy stopped the mailbox's watch for good. */
  default void gaveUp(WatchedMailbox mailbox, Diagnosis diagnosis) {}
}
