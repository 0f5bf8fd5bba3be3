package com.lumyvo.providers.mail.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake's OAuth 2.0 authorization server state: the grants it holds (one refresh token per
 * mailbox) and the access tokens it issued, with what becomes of them: expiry, revocation, a
 * missing scope. {@link FakeTokenEndpoint} issues through it, the IMAP and SMTP front ends check
 * through it. Thread-safe.
 */
final class FakeTokens {
  /** How long an issued token lasts unless expired early: Google's and Microsoft's hour. */
  static final Duration LIFETIME = Duration.ofHours(1);

  /** What a server finds when it checks a token. */
  enum Verdict { VALID, EXPIRED, REVOKED, SCOPE_MISSING, UNKNOWN }

  /** One mailbox's consent; {@code logins} are its IMAP and SMTP login names, lower case. */
  private record Grant(String address, Set<String> logins, boolean revoked,
      boolean withoutScope) {}

  private record Issued(String refreshToken, Instant expiresAt, boolean withoutScope) {}

  /** What the token endpoint answers to a refresh. */
  record Answer(Optional<String> accessToken, long expiresInSeconds, Optional<String> error) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private final CommandJournal journal;

  FakeTokens(CommandJournal journal) {
    this.journal = journal;
  }

  /** A new grant for the mailbox at {@code address}, signing in as {@code logins}. */
  String grant(String address, String... logins) {
    String refreshToken = "1//fake-refresh." + randomPart();
    journal.addSecret(refreshToken);
    Set<String> names = new HashSet<>();
    for (String login : logins) {
      names.add(login.toLowerCase(Locale.ROOT));
    }
    grants.put(refreshToken, new Grant(address, Set.copyOf(names), false, false));
    return refreshToken;
  }

  /** The refresh-token grant (RFC 6749 §6). */
  Answer refresh(String refreshToken) {
    Grant grant = refreshToken == null ? null : grants.get(refreshToken);
    if (grant == null || grant.revoked()) {
      return new Answer(Optional.empty(), 0, Optional.of("invalid_grant"));
    }
    String token = "ya29.fake." + randomPart();
    journal.addSecret(token);
    issued.put(token, new Issued(refreshToken, Instant.now().plus(LIFETIME),
        grant.withoutScope()));
    return new Answer(Optional.of(token), LIFETIME.toSeconds(), Optional.empty());
  }

  /** What a server of this fake finds when {@code login} presents {@code token}. */
  Verdict check(String login, String token) {
    Issued found = issued.get(token);
    Grant grant = found == null ? null : grants.get(found.refreshToken());
    if (grant == null || !grant.logins().contains(login.toLowerCase(Locale.ROOT))) {
      return Verdict.UNKNOWN;
    }
    if (grant.revoked()) {
      return Verdict.REVOKED;
    }
    if (!Instant.now().isBefore(found.expiresAt())) {
      return Verdict.EXPIRED;
    }
    return found.withoutScope() ? Verdict.SCOPE_MISSING : Verdict.VALID;
  }

  /** Every token issued so far for {@code address} expires now; refreshing still works. */
  void expire(String address) {
    Instant past = Instant.now().minusSeconds(1);
    issued.replaceAll((token, it) -> addressOf(it).equalsIgnoreCase(address)
        ? new Issued(it.refreshToken(), past, it.withoutScope()) : it);
  }

  /** The person withdrew consent: every grant of {@code address} and its tokens are void. */
  void revoke(String address) {
    grants.replaceAll((refresh, grant) -> grant.address().equalsIgnoreCase(address)
        ? new Grant(grant.address(), grant.logins(), true, grant.withoutScope()) : grant);
  }

  /**
   * The client registration lacks the mail scope: tokens issued for {@code address} from now on,
   * and those issued before, do not carry it.
   */
  void withoutScope(String address) {
    grants.replaceAll((refresh, grant) -> grant.address().equalsIgnoreCase(address)
        ? new Grant(grant.address(), grant.logins(), grant.revoked(), true) : grant);
    issued.replaceAll((token, it) -> addressOf(it).equalsIgnoreCase(address)
        ? new Issued(it.refreshToken(), it.expiresAt(), true) : it);
  }

  void clear() {
    grants.clear();
    issued.clear();
  }

  private String addressOf(Issued it) {
    Grant grant = grants.get(it.refreshToken());
    return grant == null ? "" : grant.address();
  }

  private String randomPart() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
