package com.lumyvo.providers.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each network step may take. Jakarta Mail waits forever unless told otherwise; every
 * connector of this module applies these to connect, read and write.
 *
 * @param connect the longest wait for a TCP connection to open
 * @param read the longest wait for the server to answer
 * @param write the longest wait for the server to accept what is sent
 */
public record Timeouts(Duration connect, Duration read, Duration write) {
  private static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);
  private static final Timeouts DEFAULTS =
      new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

  /**
   * Validates.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is zero, negative, or longer than
   *     {@link Integer#MAX_VALUE} milliseconds (Jakarta Mail takes int milliseconds)
   */
  public Timeouts {
    requirePositive(connect, "connect");
    requirePositive(read, "read");
    requirePositive(write, "write");
  }

  /** 10 seconds to connect, 30 seconds to read, 30 seconds to write. */
  public static Timeouts defaults() {
    return DEFAULTS;
  }

  private static void requirePositive(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(name + " timeout must be positive, was " + timeout);
    }
    if (timeout.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          name + " timeout must be at most " + Integer.MAX_VALUE + " ms, was " + timeout);
    }
  }
}
