package com.lumyvo.providers.diagnosis;

import java.time.Duration;
import java.util.List;

/**
 * What a rule concluded: the kind, the other kinds the same evidence can mean, most likely
 * first, and a wait the evidence asks for.
 */
record Finding(FailureKind kind, List<FailureKind> alternatives, Duration retryAfter) {
  Finding {
    alternatives = List.copyOf(alternatives);
  }

  /** The kind, then its alternatives. */
  List<FailureKind> kindAndAlternatives() {
    List<FailureKind> all = new java.util.ArrayList<>(alternatives);
    all.add(0, kind);
    return all;
  }

  static Finding of(FailureKind kind, FailureKind... alternatives) {
    return new Finding(kind, List.of(alternatives), null);
  }
}
