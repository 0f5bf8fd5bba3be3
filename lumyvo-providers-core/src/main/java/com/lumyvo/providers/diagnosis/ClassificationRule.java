package com.lumyvo.providers.diagnosis;

import java.util.Optional;

/**
 * A service's own rule, consulted before the built-in ones: for wording a provider uses in a
 * language or a product the defaults do not know.
 *
 * <pre>{@code
 * ErrorClassifier classifier = ErrorClassifier.builder()
 *     .rule(evidence -> evidence.text().contains("Konto vorübergehend gesperrt")
 *         ? Optional.of(FailureKind.WEB_LOGIN_REQUIRED) : Optional.empty())
 *     .build();
 * }</pre>
 *
 * <p>A rule that throws is skipped, so that classification itself never fails.
 */
@FunctionalInterface
public interface ClassificationRule {
  /** The kind this evidence shows, or empty to leave it to the next rule. */
  Optional<FailureKind> classify(Evidence evidence);
}
