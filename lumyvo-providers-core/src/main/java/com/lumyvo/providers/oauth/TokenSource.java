package com.lumyvo.providers.oauth;

import java.util.Objects;

/**
 * Where the SDK gets the OAuth 2.0 access tokens of one mail account.
 *
 * <p>The service implements it: the service owns its OAuth client registration, the person's
 * consent and the storage of refresh tokens, and may use any OAuth library (or the SDK's optional
 * JDK-only helper). The SDK only asks for access tokens and sends them over SASL.
 *
 * <h2>How the SDK calls it</h2>
 * <ul>
 *   <li>{@link #token()} before every login. It may return a cached token; it should refresh one
 *       that is about to expire.
 *   <li>{@link #refresh(AccessToken)} when a server rejected a token: the SDK calls it at most once
 *       per rejection, logs in again once with what it returns, and gives up with a diagnosis if
 *       that token is rejected too. Password accounts never reach here.
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * Implementations must be thread-safe: several connections of one account (a watch, a send, a
 * sync) may ask at the same time. A good implementation refreshes once for many concurrent
 * callers, and answers {@code refresh(rejected)} with an already newer token when another caller
 * has refreshed since {@code rejected} was handed out.
 *
 * <h2>Secrecy</h2>
 * Neither method may put a token, refresh token or client secret into an exception message.
 */
public interface TokenSource {
  /**
   * A token to log in with now, possibly cached.
   *
   * @throws TokenUnavailableException if no token can be had; its reason says who must act
   */
  AccessToken token() throws TokenUnavailableException;

  /**
   * A fresh token after a server rejected {@code rejected}: a forced refresh, not the cache.
   *
   * @param rejected the token the server refused, as {@link #token()} or an earlier refresh gave
   *     it
   * @throws TokenUnavailableException if no fresh token can be had; {@link
   *     TokenUnavailableException.Reason#REVOKED} when the grant is gone
   */
  AccessToken refresh(AccessToken rejected) throws TokenUnavailableException;

  /**
   * A source that always gives {@code token} and cannot refresh it, for a token obtained
   * elsewhere (an environment variable, a test): {@link #refresh(AccessToken)} throws {@link
   * TokenUnavailableException.Reason#REVOKED}, since nothing here can get a new one.
   *
   * @throws NullPointerException if {@code token} is null
   */
  static TokenSource fixed(AccessToken token) {
    Objects.requireNonNull(token, "token");
    return new TokenSource() {
      @Override
      public AccessToken token() {
        return token;
      }

      @Override
      public AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
        throw new TokenUnavailableException(TokenUnavailableException.Reason.REVOKED,
            "the server rejected a fixed access token and there is no way to refresh it");
      }

      @Override
      public String toString() {
        return "TokenSource.fixed[" + token + "]";
      }
    };
  }
}
