package com.lumyvo.providers.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@link OAuthClient#tokenSource}: one refresh at a time behind a lock, so that many connections
 * asking at once cause one request to the token endpoint; callers that waited find the new token
 * and return it.
 */
final class RefreshingTokenSource implements TokenSource {
  /** Refresh this long before the stated expiry, so a login never starts with a dying token. */
  static final Duration EARLY = Duration.ofSeconds(60);

  private final OAuthClient client;
  private final List<String> scopes;
  private final Consumer<String> rotated;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private String refreshToken;
  private volatile AccessToken current;

  RefreshingTokenSource(OAuthClient client, String refreshToken, List<String> scopes,
      Consumer<String> rotated, Clock clock) {
    this.client = client;
    this.refreshToken = refreshToken;
    this.scopes = scopes;
    this.rotated = rotated;
    this.clock = clock;
  }

  @Override
  public AccessToken token() throws TokenUnavailableException {
    AccessToken token = current;
    if (usable(token)) {
      return token;
    }
    lock.lock();
    try {
      token = current;
      return usable(token) ? token : refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AccessToken refresh(AccessToken rejected) throws TokenUnavailableException {
    lock.lock();
    try {
      AccessToken token = current;
      if (token != null && !token.equals(rejected) && usable(token)) {
        // Someone refreshed since the rejected token was handed out.
        return token;
      }
      return refreshLocked();
    } finally {
      lock.unlock();
    }
  }

  private boolean usable(AccessToken token) {
    return token != null && token.expiresAt()
        .map(expiry -> Instant.now(clock).plus(EARLY).isBefore(expiry)).orElse(true);
  }

  private AccessToken refreshLocked() throws TokenUnavailableException {
    TokenGrant grant = client.refresh(refreshToken, scopes);
    grant.refreshToken().filter(next -> !next.equals(refreshToken)).ifPresent(next -> {
      refreshToken = next;
      rotated.accept(next);
    });
    current = grant.accessToken();
    return current;
  }

  @Override
  public String toString() {
    return "TokenSource[refreshing at " + client + "]";
  }
}
