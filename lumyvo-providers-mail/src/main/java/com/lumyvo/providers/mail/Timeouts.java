package com.lumyvo.providers.mail;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each network step may take. Jakarta Mail waits forever unless told otherwise; every
 * connector of this module applies these to connect, read and write. Built with named setters, so
 * that two durations cannot trade places unnoticed:
 *
 * <pre>{@code
 * Timeouts timeouts = Timeouts.builder().connect(Duration.ofSeconds(5)).read(Duration.ofSeconds(20)).build();
 * }</pre>
 */
public final class Timeouts {
  private static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);
  private static final Timeouts DEFAULTS = builder().build();

  private final Duration connect;
  private final Duration read;
  private final Duration write;

  private Timeouts(Builder builder) {
    connect = builder.connect;
    read = builder.read;
    write = builder.write;
  }

  /** 10 seconds to connect, 30 seconds to read, 30 seconds to write. */
  public static Timeouts defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The longest wait for a TCP connection to open. */
  public Duration connect() {
    return connect;
  }

  /** The longest wait for the server to answer. */
  public Duration read() {
    return read;
  }

  /** The longest wait for the server to accept what is sent. */
  public Duration write() {
    return write;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Timeouts t && connect.equals(t.connect) && read.equals(t.read)
        && write.equals(t.write);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connect, read, write);
  }

  @Override
  public String toString() {
    return "Timeouts[connect=" + connect + ", read=" + read + ", write=" + write + "]";
  }

  /** Builds {@link Timeouts}; each duration must be positive and at most 2^31-1 ms. */
  public static final class Builder {
    private Duration connect = Duration.ofSeconds(10);
    private Duration read = Duration.ofSeconds(30);
    private Duration write = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The longest wait for a TCP connection to open; 10 seconds by default.
     *
     * @throws IllegalArgumentException if not positive or longer than 2^31-1 milliseconds
     */
    public Builder connect(Duration connect) {
      this.connect = checked(connect, "connect");
      return this;
    }

    /**
     * The longest wait for the server to answer; 30 seconds by default.
     *
     * @throws IllegalArgumentException if not positive or longer than 2^31-1 milliseconds
     */
    public Builder read(Duration read) {
      this.read = checked(read, "read");
      return this;
    }

    /**
     * The longest wait for the server to accept what is sent; 30 seconds by default.
     *
     * @throws IllegalArgumentException if not positive or longer than 2^31-1 milliseconds
     */
    public Builder write(Duration write) {
      this.write = checked(write, "write");
      return this;
    }

    /** The timeouts. */
    public Timeouts build() {
      return new Timeouts(this);
    }

    private static Duration checked(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(name + " timeout must be positive, was " + timeout);
      }
      if (timeout.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(
            name + " timeout must be at most " + Integer.MAX_VALUE + " ms, was " + timeout);
      }
      return timeout;
    }
  }
}
