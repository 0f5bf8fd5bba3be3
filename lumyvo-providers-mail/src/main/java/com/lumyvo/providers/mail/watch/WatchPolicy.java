package com.lumyvo.providers.mail.watch;

import com.lumyvo.providers.diagnosis.Diagnosis;
import com.lumyvo.providers.diagnosis.FailureKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides, after each failure of a watched mailbox, whether to try again and when. Called on the
 * watcher's threads; must be quick, must not block, must be thread-safe.
 *
 * <p>{@link #defaults} stops on {@link FailureKind}s that trying again cannot mend and that
 * could lock the account if retried: {@code INVALID_CREDENTIALS}, {@code APP_PASSWORD_REQUIRED},
 * {@code WEB_LOGIN_REQUIRED}, {@code ACCESS_DISABLED}, {@code PLAN_NOT_SUPPORTED}, {@code
 * AUTH_MECHANISM_UNSUPPORTED}, {@code TOKEN_REVOKED}, {@code TOKEN_SCOPE_MISSING}, {@code
 * MAILBOX_NOT_FOUND}. Everything else (among them {@code TOKEN_EXPIRED}, which a token the
 * service's token source refreshes in the meantime can cure) is retried after
 * {@code initialBackoff} doubled per failure in a row up to {@code maxBackoff}, each wait drawn
 * at random from half to one and a half times that, so that mailboxes that failed together do not
 * come back together.
 *
 * <p>For token accounts the policy sees a refused token only after the watcher has asked the
 * account's token source for a fresh one once and logged in with it once: a {@code
 * TOKEN_REVOKED} or {@code TOKEN_SCOPE_MISSING} it is given is final, and a {@code TOKEN_EXPIRED}
 * is a token still refused after that refresh, which a later attempt (with the source's token
 * then) may get past.
 */
@FunctionalInterface
public interface WatchPolicy {
  /**
   * What to do after a failure.
   *
   * @param diagnosis what went wrong
   * @param failuresInARow 1 for the first failure since the mailbox was last listening
   * @return how long to wait before connecting again, or empty to stop the watch for good
   */
  Optional<Duration> retryAfter(Diagnosis diagnosis, int failuresInARow);

  /** The default policy with a backoff from 1 second to 5 minutes. */
  static WatchPolicy defaults() {
    return backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /**
   * The default policy with a backoff from {@code initialBackoff} to {@code maxBackoff}.
   *
   * @throws IllegalArgumentException if either is not positive, or the maximum is the shorter
   */
  static WatchPolicy backoff(Duration initialBackoff, Duration maxBackoff) {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isZero() || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff
          + " is shorter than initialBackoff " + initialBackoff);
    }
    long initial = initialBackoff.toMillis();
    long max = maxBackoff.toMillis();
    return (diagnosis, failuresInARow) -> {
      if (stopsForGood(diagnosis.kind())) {
        return Optional.empty();
      }
      long base = initial;
      for (int i = 1; i < failuresInARow && base < max; i++) {
        base = base > max / 2 ? max : base * 2;
      }
      double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
      return Optional.of(Duration.ofMillis(Math.max(1, (long) (base * jitter))));
    };
  }

  /**
   * Whether the default policy stops a watch that failed with {@code kind}: the server refused
   * the account or the folder is missing, and logging in again and again with a rejected password
   * can lock the account.
   */
  static boolean stopsForGood(FailureKind kind) {
    switch (kind) {
      case INVALID_CREDENTIALS:
      case APP_PASSWORD_REQUIRED:
      case WEB_LOGIN_REQUIRED:
      case ACCESS_DISABLED:
      case PLAN_NOT_SUPPORTED:
      case AUTH_MECHANISM_UNSUPPORTED:
      case TOKEN_REVOKED:
      case TOKEN_SCOPE_MISSING:
      case MAILBOX_NOT_FOUND:
        return true;
      default:
        return false;
    }
  }
}
