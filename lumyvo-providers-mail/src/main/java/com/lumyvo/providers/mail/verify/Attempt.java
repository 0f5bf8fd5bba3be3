package com.lumyvo.providers.mail.verify;

import com.lumyvo.providers.mail.ConnectionStep;
import com.lumyvo.providers.ServerEndpoint;
import com.lumyvo.providers.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One try at one server endpoint: where, how long, and if it failed, why and at which step.
 *
 * @param endpoint the server tried
 * @param failure why it failed; empty if it succeeded
 * @param failedStep the step it stopped at; empty if it succeeded
 * @param elapsed how long it took
 */
public record Attempt(ServerEndpoint endpoint, Optional<Diagnosis> failure,
    Optional<ConnectionStep> failedStep, Duration elapsed) {

  /** Validates: a failure and its step come together. */
  public Attempt {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(failedStep, "failedStep");
    Objects.requireNonNull(elapsed, "elapsed");
    if (failure.isPresent() != failedStep.isPresent()) {
      throw new IllegalArgumentException("a failure needs its step, and only a failure has one");
    }
  }

  /** An attempt that got through every step. */
  public static Attempt succeeded(ServerEndpoint endpoint, Duration elapsed) {
    return new Attempt(endpoint, Optional.empty(), Optional.empty(), elapsed);
  }

  /** An attempt that stopped at {@code step}, for the reason {@code diagnosis} gives. */
  public static Attempt failed(ServerEndpoint endpoint, Diagnosis diagnosis, ConnectionStep step,
      Duration elapsed) {
    return new Attempt(endpoint, Optional.of(diagnosis), Optional.of(step), elapsed);
  }

  /** Whether this attempt succeeded. */
  public boolean ok() {
    return failure.isEmpty();
  }
}
