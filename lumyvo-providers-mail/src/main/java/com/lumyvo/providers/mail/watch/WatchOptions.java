package com.lumyvo.providers.mail.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link FolderWatch} waits and recovers. Built with named setters, so that two durations
 * cannot trade places unnoticed:
 *
 * <pre>{@code
 * WatchOptions options = WatchOptions.builder().idleRefresh(Duration.ofMinutes(9)).build();
 * }</pre>
 */
public final class WatchOptions {
  private static final WatchOptions DEFAULTS = builder().build();

  private final Duration idleRefresh;
  private final Duration pollInterval;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  private WatchOptions(Builder builder) {
    idleRefresh = builder.idleRefresh;
    pollInterval = builder.pollInterval;
    initialBackoff = builder.initialBackoff;
    maxBackoff = builder.maxBackoff;
  }

  /** 2 minutes of IDLE, polls every minute, backoff from 1 second to 5 minutes. */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long one IDLE lasts before the watch wakes itself: under IDLE a dead connection is
   * otherwise never noticed.
   */
  public Duration idleRefresh() {
    return idleRefresh;
  }

  /** How often to look for new mail on servers without IDLE. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** The first wait after a failure, doubled after each further one up to {@link #maxBackoff}. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between reconnects. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchOptions w && idleRefresh.equals(w.idleRefresh)
        && pollInterval.equals(w.pollInterval) && initialBackoff.equals(w.initialBackoff)
        && maxBackoff.equals(w.maxBackoff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(idleRefresh, pollInterval, initialBackoff, maxBackoff);
  }

  @Override
  public String toString() {
    return "WatchOptions[idleRefresh=" + idleRefresh + ", pollInterval=" + pollInterval
        + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
  }

  /** Builds {@link WatchOptions}; every duration must be positive. */
  public static final class Builder {
    private Duration idleRefresh = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofMinutes(1);
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * How long one IDLE lasts before the watch wakes itself; 2 minutes by default. RFC 2177
     * allows 29 minutes, but Yahoo ends IDLE after about 3 and Microsoft after about 10
     * (EmailEngine's per-provider limits).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleRefresh(Duration idleRefresh) {
      this.idleRefresh = positive(idleRefresh, "idleRefresh");
      return this;
    }

    /**
     * How often to look for new mail on servers without IDLE; 1 minute by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /**
     * The first wait after a failure, 1 second by default; doubled after each further failure
     * up to the maximum, with ±50% jitter so that many watches do not reconnect at once.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * The longest wait between reconnects; 5 minutes by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if the maximum backoff is shorter than the initial one
     */
    public WatchOptions build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff " + maxBackoff
            + " is shorter than initialBackoff " + initialBackoff);
      }
      return new WatchOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
