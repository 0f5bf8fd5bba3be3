package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.Protocol;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification of one protocol: every endpoint tried, in order, and the outcome of the last.
 * Immutable.
 */
public final class ProtocolCheck {
  private final Protocol protocol;
  private final List<Attempt> attempts;

  /**
   * The check of {@code protocol} made of {@code attempts}, in the order they were made; the
   * outcome is the last one's. Services build these for their own tests.
   *
   * @throws IllegalArgumentException if there is no attempt
   */
  public ProtocolCheck(Protocol protocol, List<Attempt> attempts) {
    this.protocol = Objects.requireNonNull(protocol);
    this.attempts = List.copyOf(attempts);
    if (this.attempts.isEmpty()) {
      throw new IllegalArgumentException("a check has at least one attempt");
    }
  }

  /** The protocol checked. */
  public Protocol protocol() {
    return protocol;
  }

  /** Whether the account logged in. */
  public boolean ok() {
    return last().ok();
  }

  /** The endpoint that answered last: the one that worked, or the last that failed. */
  public ServerEndpoint endpoint() {
    return last().endpoint();
  }

  /** Why it failed, when it did. */
  public Optional<Diagnosis> diagnosis() {
    return last().failure();
  }

  /** The step it stopped at, when it failed. */
  public Optional<ConnectionStep> failedStep() {
    return last().failedStep();
  }

  /** Every attempt, in the order made. */
  public List<Attempt> attempts() {
    return attempts;
  }

  /** The time all attempts took together. */
  public Duration elapsed() {
    return attempts.stream().map(Attempt::elapsed).reduce(Duration.ZERO, Duration::plus);
  }

  private Attempt last() {
    return attempts.get(attempts.size() - 1);
  }

  @Override
  public String toString() {
    return protocol + (ok() ? " ok at " + endpoint()
        : " failed at " + failedStep().orElseThrow() + " on " + endpoint() + ": "
            + diagnosis().orElseThrow().kind())
        + " (" + attempts.size() + " attempt" + (attempts.size() == 1 ? "" : "s") + ", "
        + elapsed().toMillis() + " ms)";
  }
}
