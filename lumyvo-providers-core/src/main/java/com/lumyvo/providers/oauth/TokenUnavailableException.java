package com.lumyvo.providers.oauth;

import java.util.Objects;

/**
 * A {@link TokenSource} could not give an access token, with the {@link Reason} that says who
 * must act.
 *
 * <p>The message must never hold a token, a refresh token, a client secret or a device code:
 * whoever throws it writes a message about what happened ({@code "token endpoint answered
 * invalid_grant"}), never what was sent. The SDK's own helpers keep to that.
 */
public final class TokenUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why no token could be had, by who must act. */
  public enum Reason {
    /**
     * The grant is gone and a person must consent again: the refresh token expired or was
     * revoked, the password changed, the person withdrew consent ({@code invalid_grant}), declined
     * it ({@code access_denied}) or did not finish a device-code flow in time ({@code
     * expired_token}). Retrying does not help.
     */
    REVOKED,
    /**
     * The token endpoint could not answer now: unreachable, too slow, a 5xx status, {@code
     * temporarily_unavailable}, or the waiting thread was interrupted. Retrying later may help.
     */
    TEMPORARY,
    /**
     * The service's client registration or request is wrong: {@code invalid_client}, {@code
     * unauthorized_client}, {@code invalid_scope}, {@code unsupported_grant_type}, {@code
     * invalid_request}, or an answer that is not a token response. The service's developer must
     * act; neither retrying nor the person's consent helps.
     */
    MISCONFIGURED;

    /** True only for {@link #TEMPORARY}: the one reason where the same request may succeed. */
    public boolean isRetryable() {
      return this == TEMPORARY;
    }
  }

  private final Reason reason;

  /**
   * @param message what happened, never holding a secret
   * @throws NullPointerException if {@code reason} or {@code message} is null
   */
  public TokenUnavailableException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * @param message what happened, never holding a secret
   * @param cause the underlying failure, such as an {@link java.io.IOException}; it too must not
   *     hold a secret in its message
   * @throws NullPointerException if {@code reason}, {@code message} or {@code cause} is null
   */
  public TokenUnavailableException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), Objects.requireNonNull(cause, "cause"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Who must act: the person, nobody (retry later) or the service's developer. */
  public Reason reason() {
    return reason;
  }
}
