package com.lumyvo.providers.mail.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MailboxWatcher} is sized and how it waits. Immutable; built with named setters:
 *
 * <pre>{@code
 * WatcherOptions options = WatcherOptions.builder().maxConcurrentHandshakes(32).build();
 * }</pre>
 */
public final class WatcherOptions {
  private static final WatcherOptions DEFAULTS = builder().build();

  private final int ioThreads;
  private final int handshakeThreads;
  private final int fetchThreads;
  private final int maxConcurrentHandshakes;
  private final Duration idleRefresh;
  private final Duration pollInterval;
  private final WatchPolicy policy;
  private final WatcherEventListener eventListener;

  private WatcherOptions(Builder b) {
    ioThreads = b.ioThreads;
    handshakeThreads = b.handshakeThreads;
    fetchThreads = b.fetchThreads;
    maxConcurrentHandshakes = b.maxConcurrentHandshakes;
    idleRefresh = b.idleRefresh;
    pollInterval = b.pollInterval;
    policy = b.policy;
    eventListener = b.eventListener;
  }

  /**
   * 1 I/O thread, 2 handshake threads, 4 fetch threads, 16 handshakes at once, IDLE renewed
   * every 5 minutes, polls every minute where the server has no IDLE, {@link
   * WatchPolicy#defaults()}, no event listener.
   */
  public static WatcherOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ioThreads = ioThreads;
    b.handshakeThreads = handshakeThreads;
    b.fetchThreads = fetchThreads;
    b.maxConcurrentHandshakes = maxConcurrentHandshakes;
    b.idleRefresh = idleRefresh;
    b.pollInterval = pollInterval;
    b.policy = policy;
    b.eventListener = eventListener;
    return b;
  }

  /** Threads that multiplex every idle connection (non-blocking I/O). */
  public int ioThreads() {
    return ioThreads;
  }

  /** Threads for DNS look-ups and the CPU work of TLS handshakes. */
  public int handshakeThreads() {
    return handshakeThreads;
  }

  /** Threads that fetch new mail and call listeners. */
  public int fetchThreads() {
    return fetchThreads;
  }

  /** How many connections may be between their first packet and IDLE at once. */
  public int maxConcurrentHandshakes() {
    return maxConcurrentHandshakes;
  }

  /**
   * How long one IDLE lasts before the watcher ends and renews it: without traffic, a dead
   * connection (a NAT that forgot it) is otherwise never noticed.
   */
  public Duration idleRefresh() {
    return idleRefresh;
  }

  /** How often to ask for news (NOOP) on servers without IDLE. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** What to do after a failure. */
  public WatchPolicy policy() {
    return policy;
  }

  /** Who hears of every connection, login, notification, fetch and failure. */
  public WatcherEventListener eventListener() {
    return eventListener;
  }

  @Override
  public String toString() {
    return "WatcherOptions[ioThreads=" + ioThreads + ", handshakeThreads=" + handshakeThreads
        + ", fetchThreads=" + fetchThreads + ", maxConcurrentHandshakes="
        + maxConcurrentHandshakes + ", idleRefresh=" + idleRefresh + ", pollInterval="
        + pollInterval + "]";
  }

  /** Builds {@link WatcherOptions}; counts and durations must be positive. */
  public static final class Builder {
    private int ioThreads = 1;
    private int handshakeThreads = 2;
    private int fetchThreads = 4;
    private int maxConcurrentHandshakes = 16;
    private Duration idleRefresh = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofMinutes(1);
    private WatchPolicy policy = WatchPolicy.defaults();
    private WatcherEventListener eventListener = WatcherEventListener.NONE;

    private Builder() {}

    /**
     * Threads that multiplex the idle connections; 1 by default, which serves thousands.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder ioThreads(int ioThreads) {
      this.ioThreads = positive(ioThreads, "ioThreads");
      return this;
    }

    /**
     * Threads for DNS and TLS handshake work; 2 by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder handshakeThreads(int handshakeThreads) {
      this.handshakeThreads = positive(handshakeThreads, "handshakeThreads");
      return this;
    }

    /**
     * Threads that fetch new mail and call listeners; 4 by default. Each fetch also holds one
     * of the connector's own threads while it logs in.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder fetchThreads(int fetchThreads) {
      this.fetchThreads = positive(fetchThreads, "fetchThreads");
      return this;
    }

    /**
     * How many connections may be set up at once (TCP, TLS, login, SELECT, IDLE); 16 by default.
     * The rest wait their turn: TLS and login cost the server, and the service, CPU.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxConcurrentHandshakes(int maxConcurrentHandshakes) {
      this.maxConcurrentHandshakes = positive(maxConcurrentHandshakes, "maxConcurrentHandshakes");
      return this;
    }

    /**
     * How long one IDLE lasts before it is renewed; 5 minutes by default. RFC 2177 allows 29
     * minutes, but Yahoo ends IDLE after about 3, Microsoft after about 10, and NATs forget
     * quiet connections.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleRefresh(Duration idleRefresh) {
      this.idleRefresh = positive(idleRefresh, "idleRefresh");
      return this;
    }

    /**
     * How often to poll servers without IDLE; 1 minute by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** What to do after a failure; {@link WatchPolicy#defaults()} by default. */
    public Builder policy(WatchPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Who hears of every step; nobody by default. */
    public Builder eventListener(WatcherEventListener eventListener) {
      this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
      return this;
    }

    /** The options. */
    public WatcherOptions build() {
      return new WatcherOptions(this);
    }

    private static int positive(int n, String name) {
      if (n <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + n);
      }
      return n;
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
