package com.lumyvo.providers.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FolderWatch} waits and recovers.
 *
 * @param idleRefresh how long one IDLE lasts before the watch wakes itself: under IDLE a dead
 *     connection is otherwise never noticed. RFC 2177 allows 29 minutes, but Yahoo ends IDLE
 *     after about 3 and Microsoft after about 10 (EmailEngine's per-provider limits), hence 2
 *     minutes by default
 * @param pollInterval how often to look for new mail on servers without IDLE; 1 minute by default
 * @param initialBackoff the first wait after a failure, doubled after each further failure up to
 *     {@code maxBackoff}, with ±50% jitter so that many watches do not reconnect at once
 * @param maxBackoff the longest wait between reconnects; 5 minutes by default
 */
public record WatchOptions(Duration idleRefresh, Duration pollInterval, Duration initialBackoff,
    Duration maxBackoff) {

  /** Validates: every duration positive, and the backoff range in order. */
  public WatchOptions {
    positive(idleRefresh, "idleRefresh");
    positive(pollInterval, "pollInterval");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
    }
  }

  /** 2 minutes of IDLE, polls every minute, backoff from 1 second to 5 minutes. */
  public static WatchOptions defaults() {
    return new WatchOptions(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(1),
        Duration.ofMinutes(5));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
