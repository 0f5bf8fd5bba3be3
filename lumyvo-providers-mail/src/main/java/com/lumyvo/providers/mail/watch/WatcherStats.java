package com.lumyvo.providers.mail.watch;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counters and gauges of a {@link MailboxWatcher} at one moment, for a service to export to its
 * metrics. Immutable. Counters only grow over the watcher's life; gauges are the current values.
 */
public final class WatcherStats {
  private final Map<WatchState, Integer> states;
  private final int handshakesInProgress;
  private final int threads;
  private final long connects;
  private final long logins;
  private final long notifications;
  private final long fetches;
  private final long messagesDelivered;
  private final long failures;
  private final long reconnects;
  private final long gaveUp;

  /**
   * The values; for the watcher and for tests.
   *
   * @param states how many mailboxes are in each state
   * @param handshakesInProgress connections being set up now
   * @param threads threads the watcher has started and that still run
   * @param connects connections opened
   * @param logins logins accepted
   * @param notifications times a server told of new mail
   * @param fetches fetches of new mail
   * @param messagesDelivered messages handed to listeners that returned normally
   * @param failures failures of any kind
   * @param reconnects reconnects scheduled after a failure
   * @param gaveUp watches stopped for good
   */
  public WatcherStats(Map<WatchState, Integer> states, int handshakesInProgress, int threads,
      long connects, long logins, long notifications, long fetches, long messagesDelivered,
      long failures, long reconnects, long gaveUp) {
    TreeMap<WatchState, Integer> copy = new TreeMap<>(states);
    for (WatchState s : WatchState.values()) {
      copy.putIfAbsent(s, 0);
    }
    this.states = java.util.Collections.unmodifiableMap(copy);
    this.handshakesInProgress = handshakesInProgress;
    this.threads = threads;
    this.connects = connects;
    this.logins = logins;
    this.notifications = notifications;
    this.fetches = fetches;
    this.messagesDelivered = messagesDelivered;
    this.failures = failures;
    this.reconnects = reconnects;
    this.gaveUp = gaveUp;
  }

  /** How many watched mailboxes are in {@code state} (gauge). */
  public int count(WatchState state) {
    return states.get(state);
  }

  /** Mailboxes per state, every state present (gauge). */
  public Map<WatchState, Integer> states() {
    return states;
  }

  /** Connections being set up now (gauge). */
  public int handshakesInProgress() {
    return handshakesInProgress;
  }

  /** Threads of the watcher alive now (gauge); at most the sum of the options' thread counts. */
  public int threads() {
    return threads;
  }

  /** Connections opened. */
  public long connects() {
    return connects;
  }

  /** Logins the server accepted. */
  public long logins() {
    return logins;
  }

  /** Times a server told of new mail. */
  public long notifications() {
    return notifications;
  }

  /** Fetches of new mail, catch-ups after each connection included. */
  public long fetches() {
    return fetches;
  }

  /** Messages handed to listeners that returned normally. */
  public long messagesDelivered() {
    return messagesDelivered;
  }

  /** Failures of any kind. */
  public long failures() {
    return failures;
  }

  /** Reconnects scheduled after a failure. */
  public long reconnects() {
    return reconnects;
  }

  /** Watches the policy stopped for good. */
  public long gaveUp() {
    return gaveUp;
  }

  @Override
  public String toString() {
    return "WatcherStats[states=" + states + ", handshakesInProgress=" + handshakesInProgress
        + ", threads=" + threads + ", connects=" + connects + ", logins=" + logins
        + ", notifications=" + notifications + ", fetches=" + fetches + ", messagesDelivered="
        + messagesDelivered + ", failures=" + failures + ", reconnects=" + reconnects
        + ", gaveUp=" + gaveUp + "]";
  }
}
