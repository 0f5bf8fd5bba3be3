package com.lumyvo.providers;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking a password against a provider's {@link AppPasswordPolicy} before any
 * login: whether it looks like that provider's app password, and warnings a person can act on.
 *
 * <p>Warnings never contain the password or its length.
 *
 * @param verdict the overall answer
 * @param warnings sentences for the person, empty when the verdict is {@link
 *     Verdict#LOOKS_LIKE_APP_PASSWORD}
 */
public record AppPasswordCheck(Verdict verdict, List<String> warnings) {

  /** The overall answer of a check. */
  public enum Verdict {
    /** The password has the provider's documented app-password format. */
    LOOKS_LIKE_APP_PASSWORD,
    /**
     * The password cannot be the provider's app password (wrong length or characters), or has
     * characters no generated password has: logging in with it would most likely fail and count
     * as a failed attempt.
     */
    DOES_NOT_LOOK_LIKE_APP_PASSWORD,
    /** The provider documents no format, and nothing looks wrong. */
    FORMAT_UNKNOWN
  }

  /** Copies {@code warnings}. */
  public AppPasswordCheck {
    Objects.requireNonNull(verdict, "verdict");
    warnings = List.copyOf(warnings);
  }

  /** Whether a service should ask the person to check the password before trying to log in. */
  public boolean shouldWarn() {
    return verdict == Verdict.DOES_NOT_LOOK_LIKE_APP_PASSWORD;
  }
}
