package com.lumyvo.providers.oauth;

import java.util.Objects;
import java.util.Optional;

/**
 * What a token endpoint granted: an access token and, when the provider issued or rotated one, a
 * refresh token for the service to store.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows neither token.
 */
public final class TokenGrant {
  private final AccessToken accessToken;
  private final String refreshToken;
  private final String scope;

  TokenGrant(AccessToken accessToken, String refreshToken, String scope) {
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.refreshToken = refreshToken;
    this.scope = scope;
  }

  /** The access token, with its expiry when the endpoint gave {@code expires_in}. */
  public AccessToken accessToken() {
    return accessToken;
  }

  /**
   * The refresh token the endpoint issued with this grant: the first one of a device-code
   * grant, or a rotated one of a refresh; empty when the old one stays valid. Store it as
   * carefully as a password.
   */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** The scopes granted, space-separated, when the endpoint said. */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /** {@code TokenGrant[AccessToken[redacted, …], refresh token issued]}, no secret. */
  @Override
  public String toString() {
    return "TokenGrant[" + accessToken
        + (refreshToken == null ? "" : ", refresh token issued")
        + (scope == null ? "" : ", scope=" + scope) + "]";
  }
}
