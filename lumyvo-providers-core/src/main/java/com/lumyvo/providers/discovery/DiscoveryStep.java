package com.lumyvo.providers.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * What one discovery step did, for logs and for support: {@code MX FOUND "mx00.ionos.co.uk →
 * IONOS (uk)" in 41 ms}. Details name hosts and URLs, never the address's local part.
 *
 * @param method the step
 * @param outcome how it ended
 * @param detail one sentence on what it saw
 * @param took how long it ran
 */
public record DiscoveryStep(DiscoveryMethod method, Outcome outcome, String detail, Duration took) {

  /** How a step ended. */
  public enum Outcome {
    /** The step found the servers; discovery stopped here. */
    FOUND,
    /** The step got an answer that holds no usable servers. */
    NOT_FOUND,
    /** The step could not get an answer (DNS failure, HTTP error, hostile or broken reply). */
    FAILED,
    /** The step got no answer within its timeout or the discovery deadline. */
    TIMED_OUT,
    /** The step did not run (turned off, or the deadline was already spent). */
    SKIPPED
  }

  /** Validates. */
  public DiscoveryStep {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(took, "took");
  }

  @Override
  public String toString() {
    return method + " " + outcome + " \"" + detail + "\" in " + took.toMillis() + " ms";
  }
}
